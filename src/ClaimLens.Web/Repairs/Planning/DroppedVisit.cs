namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A visit no route takes, and why: <c>no_technician</c> (nobody has the skill and covers the place) or
/// <c>unreachable</c> (no technician can be there inside the window and their shift).</summary>
public readonly record struct DroppedVisit(int Visit, string Reason);
