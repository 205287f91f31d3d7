using ClaimLens.Forensics.Reuse;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence;

/// <summary>The deployment-wide reuse index: every analysed claim and repair photo of every merchant, in memory, kept up to
/// date by reading the fingerprint rows above the last one seen. Each process holds its own copy, so several
/// desk processes on one database all see every earlier claim.</summary>
public sealed class DeskReuseIndex
{
    private readonly ReuseIndex _index = new();
    private readonly Dictionary<long, (Guid ClaimId, Guid PhotoId, FingerprintSubject Subject)> _sources = [];
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly Lock _lock = new();
    private long _lastId;

    /// <summary>Reads fingerprints added since the last call (by any process).</summary>
    public async Task CatchUpAsync(ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var last = _lastId;
                var rows = await db.Fingerprints.AsNoTracking().Where(f => f.Id > last).OrderBy(f => f.Id).Take(10_000)
                    .Select(f => new { f.Id, f.ClaimId, f.EvidencePhotoId, f.Subject, f.Value, f.Detail })
                    .ToListAsync(cancellationToken);
                if (rows.Count == 0)
                    return;
                lock (_lock)
                {
                    foreach (var row in rows)
                    {
                        _index.Add(new PerceptualHash((ulong)row.Value, (ulong)row.Detail), row.Id);
                        _sources[row.Id] = (row.ClaimId, row.EvidencePhotoId, row.Subject);
                    }
                    _lastId = rows[^1].Id;
                }
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>A view for analysing a photo of <paramref name="claimId"/>: the claim's own photos are not
    /// "earlier evidence", so they are left out (a job run twice would otherwise find itself).</summary>
    public IReuseLookup ExcludingClaim(Guid claimId) => new View(this, claimId);

    /// <summary>A view for analysing a photo of repair request <paramref name="requestId"/>: the request's own photos
    /// (its intake, before and after pictures of one device) are left out, as a claim's own photos are.</summary>
    public IReuseLookup ExcludingRequest(Guid requestId) => new View(this, requestId);

    /// <summary>The claim and photo a fingerprint key belongs to (for a repair photo: the request and the repair photo).</summary>
    public (Guid ClaimId, Guid PhotoId)? Source(long key)
    {
        lock (_lock)
            return _sources.TryGetValue(key, out var source) ? (source.ClaimId, source.PhotoId) : null;
    }

    private (Guid OwnerId, Guid PhotoId, FingerprintSubject Subject)? Entry(long key)
    {
        lock (_lock)
            return _sources.TryGetValue(key, out var source) ? source : null;
    }

    /// <summary>The earlier claim named by a <c>reused_evidence</c> match's <c>source</c> (written by
    /// <see cref="IReuseLookup.Describe"/> of this index as <c>claim {id} (photo {id})</c>), or null for another source.</summary>
    public static Guid? ClaimOfSource(string? source) =>
        source is { Length: > 42 } && source.StartsWith("claim ", StringComparison.Ordinal)
            && Guid.TryParseExact(source.AsSpan(6, 36), "D", out var id) ? id : null;

    // Claim and request ids are both version-7 GUIDs, so one owner id never names both a claim and a request.
    private sealed class View(DeskReuseIndex owner, Guid ownerId) : IReuseLookup
    {
        public IReadOnlyList<ReuseMatch> Find(IReadOnlyList<PerceptualHash> probes, int maxResults)
        {
            // ReuseIndex readers never block and may run beside Add.
            var found = owner._index.FindAny(probes, maxResults + 16);
            return found.Where(m => owner.Source(m.Key)?.ClaimId != ownerId).Take(maxResults).ToList();
        }

        public string Describe(long key) =>
            // ClaimOfSource reads the claim text back: keep the two together.
            owner.Entry(key) switch
            {
                { Subject: FingerprintSubject.RepairPhoto } r => $"repair request {r.OwnerId:D} (photo {r.PhotoId:D})",
                { } c => $"claim {c.OwnerId:D} (photo {c.PhotoId:D})",
                null => $"fingerprint {key}",
            };
    }
}
