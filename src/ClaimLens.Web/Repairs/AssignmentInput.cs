namespace ClaimLens.Web.Repairs;

/// <summary>A dispatcher's override: who gets the job and why.</summary>
public sealed record AssignmentInput(Guid? TechnicianId, string? Reason);
