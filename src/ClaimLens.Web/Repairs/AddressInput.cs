namespace ClaimLens.Web.Repairs;

/// <summary>Region codes down to the town (乡镇/街道), and the street address (encrypted at rest).</summary>
public sealed record AddressInput(string? ProvinceCode, string? CityCode, string? CountyCode, string? TownCode, string? Street);
