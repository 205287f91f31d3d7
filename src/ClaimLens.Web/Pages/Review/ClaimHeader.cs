using ClaimLens.Web.Claims;

namespace ClaimLens.Web.Pages.Review;

/// <summary>The claim's own columns the page shows, with its order number, product and merchant.</summary>
public sealed record ClaimHeader(
    Guid Id, Guid MerchantId, string Sku, ClaimType Type, string Reason, decimal Amount, ClaimStatus Status, string BuyerKey,
    int? Risk, string? Verdict, DateTimeOffset CreatedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? ReviewDueAt,
    DateTimeOffset? DecidedAt, string? DecidedBy, DecisionReason? DecisionReason, string? DecisionNote,
    string? OrderNo, string? ProductName, string? MerchantName, string? TimeZone);
