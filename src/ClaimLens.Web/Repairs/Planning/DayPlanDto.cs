namespace ClaimLens.Web.Repairs.Planning;

/// <summary>The OR-Tools plan per technician, the visits left out, and how it compares with the greedy plan.</summary>
public sealed record DayPlanDto(
    DateOnly Date, string? ServiceArea, IReadOnlyList<DayRouteDto> Routes, IReadOnlyList<DroppedVisitDto> Dropped,
    double TravelMinutes, double GreedyTravelMinutes, int Served, int GreedyServed, double SolveSeconds, IReadOnlyList<Guid> UnplacedTechnicians);
