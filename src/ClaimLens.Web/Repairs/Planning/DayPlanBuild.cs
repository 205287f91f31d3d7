namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A problem and the rows behind its indexes: visits without a position and technicians with no place to start
/// are left out of the problem and listed.</summary>
public sealed record DayPlanBuild(
    DayPlanProblem Problem, IReadOnlyList<MaintenanceVisit> Visits, IReadOnlyList<Technician> Technicians,
    IReadOnlyList<MaintenanceVisit> Unplaceable, IReadOnlyList<Guid> Unplaced);
