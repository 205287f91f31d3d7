using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Orders;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>Who may see which media: the one check behind every media URL. Media is deduplicated across merchants
/// (two merchants may hold the same bytes), so access is decided by the record asked for (a claim photo, a
/// reference photo, a packing medium), never by the content hash. A record the caller may not see is reported as
/// absent, so ids of other merchants' records cannot be probed.</summary>
public sealed class MediaAccess(ClaimLensDbContext db)
{
    /// <summary>A claim photo and its renderings, or null when there is none the caller may see.</summary>
    public async Task<PhotoMedia?> PhotoAsync(HttpContext http, Guid photoId, CancellationToken cancellationToken)
    {
        var photo = await db.EvidencePhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Join(db.Claims, p => p.ClaimId, c => c.Id, (p, c) => new PhotoMedia(c.MerchantId, c.Id, p.Sha256, p.HeatmapSha256,
                p.MaskSha256, p.AlignedReferenceSha256, p.MatchedReferenceSha256))
            .SingleOrDefaultAsync(cancellationToken);
        return photo is not null && Allows(http, photo.MerchantId) ? photo : null;
    }

    /// <summary>The stored file of a product's reference photo, or null.</summary>
    public async Task<string?> ReferenceAsync(HttpContext http, Guid referencePhotoId, CancellationToken cancellationToken)
    {
        var reference = await db.ReferencePhotos.AsNoTracking().Where(r => r.Id == referencePhotoId)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new { p.MerchantId, r.Sha256 })
            .SingleOrDefaultAsync(cancellationToken);
        return reference is not null && Allows(http, reference.MerchantId) ? reference.Sha256 : null;
    }

    /// <summary>The picture of a packing photo or video frame; for a packing video, its first extracted frame
    /// (null until the frames are taken); null when there is none the caller may see.</summary>
    public async Task<string?> PackingAsync(HttpContext http, Guid packingMediaId, bool framesOnly, CancellationToken cancellationToken)
    {
        var media = await db.PackingMedia.AsNoTracking().Where(m => m.Id == packingMediaId)
            .Join(db.Orders, m => m.OrderId, o => o.Id, (m, o) => new { o.MerchantId, m.Kind, m.Sha256 })
            .SingleOrDefaultAsync(cancellationToken);
        if (media is null || (framesOnly && media.Kind != PackingMediaKind.VideoFrame) || !Allows(http, media.MerchantId))
            return null;
        if (media.Kind != PackingMediaKind.Video)
            return media.Sha256;
        return await db.PackingMedia.AsNoTracking()
            .Where(m => m.SourceMediaId == packingMediaId && m.Kind == PackingMediaKind.VideoFrame)
            .OrderBy(m => m.AtSeconds).ThenBy(m => m.Id).Select(m => m.Sha256).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The <paramref name="index"/>-th evidence file of a merchant's response to a claim, or null.</summary>
    public async Task<string?> ResponseAsync(HttpContext http, Guid responseId, int index, CancellationToken cancellationToken)
    {
        var response = await db.MerchantResponses.AsNoTracking().Where(r => r.Id == responseId)
            .Join(db.Claims, r => r.ClaimId, c => c.Id, (r, c) => new { c.MerchantId, r.EvidenceSha256 })
            .SingleOrDefaultAsync(cancellationToken);
        return response is not null && index >= 0 && index < response.EvidenceSha256.Count && Allows(http, response.MerchantId)
            ? response.EvidenceSha256[index]
            : null;
    }

    // Pages signed in with a cookie carry the same claims as API keys. A buyer's link token (to come) is checked
    // here too, against the claim it was issued for (PhotoMedia.ClaimId).
    private static bool Allows(HttpContext http, Guid merchantId) =>
        http.User.Identity?.IsAuthenticated == true && Caller.From(http.User).CanSee(merchantId);
}
