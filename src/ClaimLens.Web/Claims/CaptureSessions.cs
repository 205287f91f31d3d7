using System.Globalization;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>Issuing live-capture codes and deciding, on upload, which photos were captured live. The camera page
/// sends, for the photo in <c>photos[i]</c>, its session id in <c>session[i]</c> and the moment it was taken (Unix
/// ms, desk time) in <c>capturedAt[i]</c>; only the session row the server issued for this order decides.</summary>
public static class CaptureSessions
{
    /// <summary>More open codes than this per order in one lifetime means a script, not a buyer: the newest is reused.</summary>
    private const int MaxOpenPerOrder = 20;

    public static async Task<CaptureSession> IssueAsync(ClaimLensDbContext db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.CaptureSessions.Where(s => s.OrderId == orderId && s.ExpiresAt > now)
            .OrderByDescending(s => s.IssuedAt).Take(MaxOpenPerOrder).ToListAsync(cancellationToken);
        if (open.Count >= MaxOpenPerOrder)
            return open[0];
        var session = CaptureSession.Issue(orderId, now);
        db.CaptureSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>One origin per file of <paramref name="form"/>: captured live when its session belongs to
    /// <paramref name="orderId"/>, is alive at <paramref name="now"/> and has photos left (counted on the tracked
    /// session, saved with the claim); uploaded otherwise. The capture time is the page's, kept inside the window
    /// the server knows (issued .. now), since the client's clock is not evidence.</summary>
    public static async Task<IReadOnlyList<PhotoOrigin>> ResolveAsync(ClaimLensDbContext db, Guid orderId, UploadedForm form, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(form);
        var claimed = new Guid?[form.Files.Count];
        for (var i = 0; i < claimed.Length; i++)
            claimed[i] = Guid.TryParse(form.Field($"session[{Index(form.Files[i])}]"), out var id) ? id : null;
        var ids = claimed.OfType<Guid>().Distinct().ToList();
        var sessions = ids.Count == 0 ? [] : await db.CaptureSessions
            .Where(s => ids.Contains(s.Id) && s.OrderId == orderId).ToDictionaryAsync(s => s.Id, cancellationToken);
        var origins = new PhotoOrigin[claimed.Length];
        for (var i = 0; i < claimed.Length; i++)
        {
            if (claimed[i] is not { } id || !sessions.TryGetValue(id, out var session)
                || now < session.IssuedAt || now > session.ExpiresAt || session.PhotosUsed >= CaptureSession.MaxPhotos)
            {
                origins[i] = PhotoOrigin.Uploaded;
                continue;
            }
            session.PhotosUsed++;
            var at = long.TryParse(form.Field($"capturedAt[{Index(form.Files[i])}]"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && ms < 253_402_300_799_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now;
            origins[i] = new PhotoOrigin(EvidenceSource.CapturedLive, session.Code, at < session.IssuedAt ? session.IssuedAt : at > now ? now : at);
        }
        return origins;
    }

    /// <summary>The file's position in its field (<c>photos[2]</c> → 2), as the page numbered it.</summary>
    private static int Index(StagedFile file)
    {
        var open = file.Field.LastIndexOf('[');
        return open >= 0 && int.TryParse(file.Field.AsSpan(open + 1, file.Field.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
    }
}
