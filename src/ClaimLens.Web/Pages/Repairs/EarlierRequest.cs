using ClaimLens.Web.Repairs;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>One of a caller's earlier requests, as the agent sees it while typing (a warranty candidate when still covered).</summary>
public sealed record EarlierRequest(Guid Id, string Brand, string ProductType, string? Model, RepairStatus Status, DateTimeOffset CreatedAt,
    DateTimeOffset? WarrantyUntil);
