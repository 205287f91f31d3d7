namespace ClaimLens.Web.Repairs.Authorised;

public sealed record OfficialPhoneInput(string? Number, string? Label);
