namespace ClaimLens.Web.Repairs.Work;

/// <summary>What a technician records on a job: a visit note (lands on the timeline) and/or the parts used (replaces
/// the list when given).</summary>
public sealed record WorkInput(string? Note, IReadOnlyList<PartUseInput>? Parts);
