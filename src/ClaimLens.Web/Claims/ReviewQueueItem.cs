namespace ClaimLens.Web.Claims;

public sealed record ReviewQueueItem(
    Guid Id, Guid MerchantId, string Sku, decimal Amount, int? Risk, string? Verdict, DateTimeOffset CreatedAt, DateTimeOffset? ReviewDueAt);

public sealed record ReviewQueuePage(int Total, IReadOnlyList<ReviewQueueItem> Items);
