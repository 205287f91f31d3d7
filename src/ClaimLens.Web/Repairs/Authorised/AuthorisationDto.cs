namespace ClaimLens.Web.Repairs.Authorised;

public sealed record AuthorisationDto(IReadOnlyList<string> Brands, IReadOnlyList<OfficialPhoneInput> Phones);
