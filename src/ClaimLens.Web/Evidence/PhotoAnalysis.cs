using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence.Renditions;
using ClaimLens.Web.Orders;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence;

/// <summary>The job that runs the engine on one claim photo: against the SKU's reference photos, the order's
/// packing photos and video frames, and every earlier claim photo of the deployment, with the order's delivery
/// time. Running it twice writes the same result; the claim is routed once, by whichever run saves first.</summary>
public sealed class PhotoAnalysis(ClaimLensDbContext db, MediaStore store, ReferenceCache references, DeskReuseIndex reuse, TimeProvider time)
{
    public async Task RunAsync(Guid photoId, CancellationToken cancellationToken)
    {
        var photo = await db.EvidencePhotos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        if (photo is null)
            return; // the claim was never committed: nothing to do
        var claim = await db.Claims.SingleAsync(c => c.Id == photo.ClaimId, cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == claim.OrderId, cancellationToken);

        var leases = await RentReferencesAsync(claim, order, cancellationToken);
        try
        {
            await reuse.CatchUpAsync(db, cancellationToken);
            using var bytes = await store.RentAllAsync(photo.Sha256, cancellationToken);
            var options = new AnalysisOptions
            {
                Path = photo.FileName,
                References = leases.Select(l => l.Lease.Reference).ToList(),
                Reuse = reuse.ExcludingClaim(claim.Id),
                DeliveredAt = order.DeliveredAt,
            };
            await RecordAsync(photo, claim.MerchantId, bytes, options, leases, cancellationToken);
        }
        finally
        {
            foreach (var (lease, _) in leases)
                lease.Dispose();
        }

        // Every photo result touches the claim (its version is a concurrency token): when two workers finish two
        // photos of one claim at once, the later save fails and its job runs again, and that run sees both
        // photos analysed and routes the claim. Without it each could think the other photo is still pending.
        claim.Version++;
        claim.UpdatedAt = time.GetUtcNow();
        if (claim.Status == ClaimStatus.Analyzing
            && !await db.EvidencePhotos.AnyAsync(p => p.ClaimId == claim.Id && p.AnalyzedAt == null && p.Id != photo.Id, cancellationToken))
        {
            var settings = await db.Merchants.AsNoTracking().Where(m => m.Id == claim.MerchantId).Select(m => m.Settings).SingleAsync(cancellationToken);
            await db.Entry(claim).Collection(c => c.Photos).LoadAsync(cancellationToken);
            await ClaimRouter.RouteAnalysedAsync(db, time, claim, settings, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new RetryableJobException("the claim changed while its photo was analysed; the job runs again", e);
        }
    }

    private async Task RecordAsync(EvidencePhoto photo, Guid merchantId, RentedBytes bytes, AnalysisOptions options,
        List<(ReferenceCache.Lease Lease, string Sha256)> leases, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            using var result = EvidenceAnalyzer.Analyze(bytes.Span, options);
            var report = result.Report;
            photo.ReportJson = ReportJson.Serialize(report, indented: false);
            photo.Risk = report.Risk;
            photo.Verdict = ReportJson.Name(report.Verdict);
            photo.AnalysisError = null;
            var derived = report.Findings.FirstOrDefault(f => f.Code == FindingCodes.DerivedFromReference);
            var referenceName = derived?.Details["reference"]?.GetValue<string>();
            photo.MatchedReferenceSha256 = leases.FirstOrDefault(l => l.Lease.Reference.Name == referenceName).Sha256;
            // Working resolution, JPEG heat map: pages scale them over the photo; full-size PNGs cost 30-90 ms per
            // photo (measured with bench desk-load), a fifth of the analysis.
            var heatmap = result.RenderHeatmapJpeg();
            photo.HeatmapSha256 = await StoreRenderingAsync(heatmap, "image/jpeg", now, cancellationToken);
            photo.MaskSha256 = derived is null ? null : await StoreRenderingAsync(result.RenderWorkingMaskPng(), "image/png", now, cancellationToken);
            photo.AlignedReferenceSha256 = derived is null ? null : await StoreAlignedReferenceAsync(result, leases, heatmap, now, cancellationToken);
            await FingerprintRows.AddOnceAsync(db, photo.Id, photo.ClaimId, merchantId, FingerprintSubject.ClaimPhoto, result.Fingerprint, now,
                cancellationToken);
        }
        catch (ImageLoadException e)
        {
            // A photo the engine cannot read is itself a reason for a person to look.
            photo.ReportJson = null;
            photo.Risk = 50;
            photo.Verdict = "needs_review";
            photo.AnalysisError = e.Message;
        }
        photo.AnalyzedAt = now;
        db.Append(time, "system", "photo.analysed", "evidence_photo", photo.Id, merchantId,
            new { photo.Risk, photo.Verdict, photo.AnalysisError, photo.Sha256 });
    }

    // The matched reference in the heat map's frame (so pages stack photo, heat map, mask and reference alike).
    private async Task<string?> StoreAlignedReferenceAsync(AnalysisResult result, List<(ReferenceCache.Lease Lease, string Sha256)> leases,
        byte[] heatmap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (result.Derivation is not { Derived: true } match)
            return null;
        var lease = leases.FirstOrDefault(l => l.Lease.Reference.Name == match.ReferenceName).Lease;
        if (lease is null)
            return null;
        // Sniffed, not checked: an ImageLoadException here would be taken for an unreadable claim photo.
        var frame = ImageSniffer.Sniff(heatmap);
        var image = result.Report.Image;
        var jpeg = AlignedReferenceImage.RenderJpeg(lease.Reference.Image, match.Homography, image.Width, image.Height, frame.Width, frame.Height);
        return jpeg is null ? null : await StoreRenderingAsync(jpeg, "image/jpeg", now, cancellationToken);
    }

    private async Task<string> StoreRenderingAsync(byte[] bytes, string contentType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sha256 = await store.PutAsync(bytes, cancellationToken);
        if (!db.MediaBlobs.Local.Any(b => b.Sha256 == sha256) && !await db.MediaBlobs.AnyAsync(b => b.Sha256 == sha256, cancellationToken))
            db.MediaBlobs.Add(new MediaBlob { Sha256 = sha256, Length = bytes.Length, ContentType = contentType, CreatedAt = now });
        return sha256;
    }

    private async Task<List<(ReferenceCache.Lease Lease, string Sha256)>> RentReferencesAsync(Claim claim, Order order, CancellationToken cancellationToken)
    {
        var listing = await db.Products.AsNoTracking()
            .Where(p => p.MerchantId == claim.MerchantId && p.Sku == claim.Sku)
            .SelectMany(p => p.ReferencePhotos).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Sha256, Name = "listing:" + r.FileName }).ToListAsync(cancellationToken);
        var packing = await db.PackingMedia.AsNoTracking()
            .Where(m => m.OrderId == order.Id && (m.Kind == PackingMediaKind.Photo || m.Kind == PackingMediaKind.VideoFrame))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Sha256, Name = m.Kind == PackingMediaKind.Photo ? "packing:" + m.FileName : "video:" + m.FileName })
            .ToListAsync(cancellationToken);
        var leases = new List<(ReferenceCache.Lease, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in listing.Concat(packing).DistinctBy(r => r.Sha256))
        {
            var name = r.Name;
            for (var n = 2; !names.Add(name); n++)
                name = $"{r.Name} ({n})";
            try
            {
                leases.Add((await references.RentAsync(r.Sha256, name, cancellationToken), r.Sha256));
            }
            catch (ImageLoadException)
            {
                // An unreadable reference was refused at upload; one that rots on disk later is skipped, not fatal.
            }
        }
        return leases;
    }
}
