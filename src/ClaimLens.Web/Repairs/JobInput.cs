namespace ClaimLens.Web.Repairs;

/// <summary>A technician's action on a job: accept, decline, or a move (depart, arrive, await_parts, complete, cancel).
/// <paramref name="TechnicianId"/> is read only from a tenant's system; a signed-in technician is who they signed in as.
/// <paramref name="Latitude"/> and <paramref name="Longitude"/> are the optional check-in position of an arrive.</summary>
public sealed record JobInput(Guid? TechnicianId, string? Move, string? Note, double? Latitude = null, double? Longitude = null);
