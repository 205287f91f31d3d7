using ClaimLens.Forensics;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>The job that runs the engine on one repair photo against every earlier claim and repair photo of the
/// deployment (the request's own photos left out), so an "after" photo lifted from another job or a claim is
/// flagged <c>reused_evidence</c>. Running it twice writes the same result and one fingerprint.</summary>
public sealed class RepairPhotoAnalysis(ClaimLensDbContext db, MediaStore store, DeskReuseIndex reuse, TimeProvider time)
{
    public async Task RunAsync(Guid photoId, CancellationToken cancellationToken)
    {
        var photo = await db.RepairPhotos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        if (photo is null)
            return; // never committed
        await reuse.CatchUpAsync(db, cancellationToken);
        using var bytes = await store.RentAllAsync(photo.Sha256, cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            using var result = EvidenceAnalyzer.Analyze(bytes.Span, new AnalysisOptions { Path = photo.FileName, Reuse = reuse.ExcludingRequest(photo.RequestId) });
            var report = result.Report;
            photo.ReportJson = ReportJson.Serialize(report, indented: false);
            photo.Risk = report.Risk;
            photo.Verdict = ReportJson.Name(report.Verdict);
            photo.AnalysisError = null;
            var top = Strongest(report.Findings);
            photo.TopFindingZh = top is null ? null : Clip(top.Summary.Zh, 500);
            photo.TopFindingEn = top is null ? null : Clip(top.Summary.En, 1000);
            await FingerprintRows.AddOnceAsync(db, photo.Id, photo.RequestId, photo.MerchantId, FingerprintSubject.RepairPhoto, result.Fingerprint, now,
                cancellationToken);
        }
        catch (ImageLoadException e)
        {
            // Refused at upload; a file that rots in the store later still gets a verdict a person will look at.
            photo.ReportJson = null;
            photo.Risk = 50;
            photo.Verdict = "needs_review";
            photo.AnalysisError = e.Message;
            photo.TopFindingZh = null;
            photo.TopFindingEn = null;
        }
        photo.AnalyzedAt = now;
        db.Append(time, "system", "repair_photo.analysed", "service_request", photo.RequestId, photo.MerchantId,
            new { photo = photo.Id, stage = RepairPhotos.Name(photo.Stage), photo.Risk, photo.Verdict });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The finding a person should read first: the most severe, then the most confident; info findings are context, not findings.</summary>
    public static Finding? Strongest(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity > Severity.Info).OrderByDescending(f => f.Severity).ThenByDescending(f => f.Confidence).FirstOrDefault();

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
