namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A visit no route takes: <c>no_technician</c>, <c>unreachable</c> or <c>no_position</c>.</summary>
public sealed record DroppedVisitDto(Guid VisitId, string Reason);
