using System.Text.Json.Nodes;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Builds a claim's evidence bundle: loads what it shows, then lays it out section by section, preparing
/// one picture at a time.</summary>
internal static class EvidenceBundle
{
    private const string DefaultZone = "Asia/Shanghai";
    private const int MaxAuditEntries = 2000;

    public static async Task<BundleClaim> LoadAsync(ClaimLensDbContext db, Claim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Id == claim.MerchantId)
            .Select(m => new { m.Name, m.Settings.TimeZone }).SingleAsync(cancellationToken);
        var orderNo = await db.Orders.Where(o => o.Id == claim.OrderId).Select(o => o.OrderNo).SingleAsync(cancellationToken);
        var standing = await BuyerStanding.ForAsync(db, claim.BuyerKey, now, cancellationToken);
        var shas = claim.Photos.Select(p => p.Sha256).ToList();
        var lengths = await db.MediaBlobs.AsNoTracking().Where(b => shas.Contains(b.Sha256))
            .ToDictionaryAsync(b => b.Sha256, b => b.Length, cancellationToken);
        var photos = claim.Photos.OrderBy(p => p.Round).ThenBy(p => p.Ordinal)
            .Select((p, i) => new BundlePhoto(i + 1, p, lengths.TryGetValue(p.Sha256, out var length) ? length : null,
                p.ReportJson is null ? null : JsonNode.Parse(p.ReportJson)))
            .ToList();
        // The claim's own entries and its photos' (analysis results), in chain order.
        var claimId = claim.Id.ToString();
        var photoIds = claim.Photos.Select(p => p.Id.ToString()).ToList();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => (e.SubjectType == "claim" && e.SubjectId == claimId) || (e.SubjectType == "evidence_photo" && photoIds.Contains(e.SubjectId)))
            .OrderBy(e => e.Seq).Take(MaxAuditEntries).ToListAsync(cancellationToken);
        return new BundleClaim(claim, merchant.Name, orderNo, Zone(merchant.TimeZone), standing, photos, audit);
    }

    /// <summary>Writes the PDF to <paramref name="output"/>; returns its page count.</summary>
    public static async Task<int> WriteAsync(BundleClaim bundle, BundleText text, MediaStore store, DateTimeOffset now, Stream output,
        CancellationToken cancellationToken)
    {
        BundleFontResolver.Install();
        using var document = new BundleDocument(text, bundle.OrderNo, bundle.Claim.Id, bundle.Zone);
        document.AddCover(bundle);
        var embedded = new List<(string Label, string Sha256)>();
        // Claim photos usually share one reference: it is prepared and listed once (a few hundred KB kept).
        var references = new Dictionary<string, EmbeddedImage?>(StringComparer.Ordinal);
        foreach (var photo in bundle.Photos)
        {
            var picture = await BundleImages.PrepareAsync(store, photo.Photo.Sha256, photo.Regions(), cancellationToken);
            EmbeddedImage? reference = null;
            var first = photo.Photo.MatchedReferenceSha256 is { } matched && !references.TryGetValue(matched, out reference);
            if (first)
            {
                reference = await BundleImages.PrepareAsync(store, photo.Photo.MatchedReferenceSha256!, [], cancellationToken);
                references[photo.Photo.MatchedReferenceSha256!] = reference;
            }
            document.AddPhoto(photo, picture, reference);
            Record(embedded, picture, text.PhotoOriginal(photo.Number), text.PhotoEmbedded(photo.Number));
            if (first)
                Record(embedded, reference, text.ReferenceOriginal(photo.Number), text.ReferenceEmbedded(photo.Number));
        }
        document.AddAuditTrail(bundle.Audit);
        document.AddClosing(now, embedded);
        return document.Save(output);
    }

    private static void Record(List<(string, string)> embedded, EmbeddedImage? image, string original, string copy)
    {
        if (image is null)
            return;
        embedded.Add((original, image.SourceSha256));
        embedded.Add((copy, image.Sha256));
    }

    private static TimeZoneInfo Zone(string? id)
    {
        // A zone the host does not know (a typo in the settings) must not stop the export: fall back to the default.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultZone : id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);
        }
    }
}
