namespace ClaimLens.Web.Regions;

/// <summary>Which division data the desk runs on, so an address stored today can be read against the same codes.</summary>
public sealed record RegionDataVersion(string Package, string Version, string License, int Provinces, int Cities, int Counties, int Towns);
