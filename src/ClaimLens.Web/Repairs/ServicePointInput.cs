namespace ClaimLens.Web.Repairs;

public sealed record ServicePointInput(string? Name, string? RegionCode, string? Street, string? Phone, double? Latitude, double? Longitude);
