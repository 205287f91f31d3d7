namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>The tenant's whole authorisation record: brands it services and its official numbers (replaces the old lists).</summary>
public sealed record AuthorisationInput(IReadOnlyList<string>? Brands, IReadOnlyList<OfficialPhoneInput>? Phones);
