namespace ClaimLens.Web.Repairs;

/// <summary>A technician's action on a job: accept, decline, or a move (depart, arrive, await_parts, complete, cancel).</summary>
public sealed record JobInput(Guid? TechnicianId, string? Move, string? Note);
