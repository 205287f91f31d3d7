namespace ClaimLens.Web.Claims;

/// <summary>What the review queue is narrowed to; null fields do not filter.</summary>
public sealed record ReviewQueueFilter(Guid? Merchant = null, string? Verdict = null, DateTimeOffset? CreatedBefore = null,
    DateTimeOffset? CreatedAfter = null)
{
    public static IReadOnlyList<string> Verdicts { get; } = ["likely_manipulated", "needs_review", "no_manipulation_found"];
}
