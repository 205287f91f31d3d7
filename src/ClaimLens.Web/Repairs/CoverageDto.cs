namespace ClaimLens.Web.Repairs;

/// <summary>Who covers a town, and at which level the lookup found them (town, county or city).</summary>
public sealed record CoverageDto(string TownCode, string Level, IReadOnlyList<Guid> Technicians);
