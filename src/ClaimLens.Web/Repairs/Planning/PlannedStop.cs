namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A visit on a route: its index in the problem and when the technician arrives and starts work (seconds from origin).</summary>
public readonly record struct PlannedStop(int Visit, long Arrival, long Start);
