namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A technician's day: where they start (service point or last position) and their shift, in seconds from
/// the plan's origin. Work must be finished by <see cref="ShiftEnd"/>; the route ends at the last visit.</summary>
public sealed record PlanTechnician(Guid Id, double Latitude, double Longitude, long ShiftStart, long ShiftEnd);
