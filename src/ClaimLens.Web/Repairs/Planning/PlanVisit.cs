namespace ClaimLens.Web.Repairs.Planning;

/// <summary>One visit to route. Times are seconds from the plan's origin (local midnight of the day); the window
/// bounds when the work may start. <see cref="Technicians"/> are the indexes of the technicians allowed to take it
/// (they have the skill and cover the place).</summary>
public sealed record PlanVisit(
    Guid Id, double Latitude, double Longitude, long WindowStart, long WindowEnd, long ServiceSeconds, IReadOnlyList<int> Technicians);
