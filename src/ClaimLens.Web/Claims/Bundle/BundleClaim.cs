using ClaimLens.Web.Audit;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Everything a bundle shows about one claim, loaded before the layout starts.</summary>
internal sealed record BundleClaim(
    Claim Claim, string MerchantName, string OrderNo, TimeZoneInfo Zone, BuyerStanding Standing,
    IReadOnlyList<BundlePhoto> Photos, IReadOnlyList<AuditEntry> Audit);
