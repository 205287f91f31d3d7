namespace ClaimLens.Web.Repairs;

public sealed record PositionInput(double? Latitude, double? Longitude);
