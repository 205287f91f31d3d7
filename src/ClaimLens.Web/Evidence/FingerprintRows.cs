using ClaimLens.Forensics.Reuse;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence;

/// <summary>The reuse index's row for an analysed photo, claim or repair alike.</summary>
internal static class FingerprintRows
{
    /// <summary>Adds the row unless the photo has one: an analysis job done twice (after a crash) indexes once.</summary>
    /// <param name="ownerId">The claim, or the repair request, the photo belongs to.</param>
    public static async Task AddOnceAsync(ClaimLensDbContext db, Guid photoId, Guid ownerId, Guid merchantId, FingerprintSubject subject,
        PerceptualHash fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Fingerprints.AnyAsync(f => f.EvidencePhotoId == photoId, cancellationToken))
            return;
        db.Fingerprints.Add(new EvidenceFingerprint
        {
            EvidencePhotoId = photoId, ClaimId = ownerId, MerchantId = merchantId, Subject = subject,
            Value = (long)fingerprint.Value, Detail = (long)fingerprint.Detail, CreatedAt = now,
        });
    }
}
