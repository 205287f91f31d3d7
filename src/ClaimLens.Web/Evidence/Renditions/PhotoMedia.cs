namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>The stored pictures of one claim photo a caller may see: the photo, the engine's renderings over it,
/// and the reference it was found derived from (each a SHA-256 in the media store, null when not made).</summary>
public sealed record PhotoMedia(
    Guid MerchantId, Guid ClaimId, string Sha256, string? HeatmapSha256, string? MaskSha256, string? AlignedReferenceSha256,
    string? MatchedReferenceSha256);
