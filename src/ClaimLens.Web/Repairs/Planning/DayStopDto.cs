namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A stop: arrival, start of work (after waiting for the window) and end of work.</summary>
public sealed record DayStopDto(Guid VisitId, string Brand, string ProductType, string TownCode, DateTimeOffset Arrival, DateTimeOffset Start, DateTimeOffset End);
