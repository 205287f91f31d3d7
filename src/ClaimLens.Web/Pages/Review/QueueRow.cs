namespace ClaimLens.Web.Pages.Review;

/// <summary>One line of the review queue as the page shows it.</summary>
public sealed record QueueRow(Guid Id, string Merchant, string TimeZone, string Sku, decimal Amount, int? Risk, string? Verdict,
    DateTimeOffset CreatedAt, DateTimeOffset? ReviewDueAt);
