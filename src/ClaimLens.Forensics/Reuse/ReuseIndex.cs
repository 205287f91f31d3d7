using System.Numerics;

namespace ClaimLens.Forensics.Reuse;

/// <summary>All earlier evidence fingerprints, searchable by Hamming distance. New entries go to a small tail
/// that lookups scan directly; a full tail becomes an immutable multi-index segment, and segments of similar
/// size are merged (like a binary counter), so there are only a few segments and each entry is rebuilt
/// O(log n) times. A match needs both: its pHash half within <see cref="ValueSearchDistance"/> (what the
/// multi-index search guarantees to find) and its whole 128-bit fingerprint within <see cref="MaxDistance"/>.
/// About 37 bytes per entry at 10 million entries.
/// <para>Thread safety: any number of threads may call <see cref="Find"/>, <see cref="FindAny"/>,
/// <see cref="Count"/> and <see cref="Save"/> while others call <see cref="Add"/>. Readers never block: they
/// work on an immutable snapshot and see every entry whose <see cref="Add"/> returned before the lookup began.
/// Writers are serialised by a lock; an <see cref="Add"/> that fills the tail pays for the merge.</para></summary>
public sealed class ReuseIndex
{
    /// <summary>The default largest 128-bit distance reported as a match, chosen from measurements on real photos
    /// (docs/decisions/0004-reuse-fingerprint.md).</summary>
    public const int DefaultMaxDistance = 24;

    /// <summary>Largest pHash-half distance searched: three tables probed to radius 2 find every entry within 8.
    /// Most near copies of real photos sit at 0..6, different photos at 14 or more; radius 3 (up to 11)
    /// would cost about six times as many bucket probes for a handful of extra matches.</summary>
    public const int ValueSearchDistance = 8;

    /// <summary>The largest supported <see cref="MaxDistance"/>.</summary>
    public const int MaxSupportedDistance = 64;

    internal const int TailCapacity = 1 << 15;

    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot = new([], new Tail(), 0);

    /// <summary>An empty index.</summary>
    /// <param name="maxDistance">Largest 128-bit Hamming distance reported as a match (0..64).</param>
    public ReuseIndex(int maxDistance = DefaultMaxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxSupportedDistance);
        MaxDistance = maxDistance;
    }

    /// <summary>Largest Hamming distance reported as a match.</summary>
    public int MaxDistance { get; }

    /// <summary>Number of fingerprints added.</summary>
    public int Count
    {
        get
        {
            var snapshot = _snapshot;
            return snapshot.SegmentCount + snapshot.Tail.Count;
        }
    }

    /// <summary>Bytes held by the index's arrays (an estimate of its managed memory).</summary>
    public long MemoryBytes
    {
        get
        {
            var snapshot = _snapshot;
            return snapshot.Segments.Sum(s => s.MemoryBytes) + 24L * TailCapacity;
        }
    }

    /// <summary>Adds a fingerprint under the caller's <paramref name="key"/> (an evidence id, a line number).
    /// The same key may be added more than once.</summary>
    public void Add(PerceptualHash hash, long key)
    {
        lock (_writeLock)
        {
            var snapshot = _snapshot;
            var tail = snapshot.Tail;
            var at = tail.Count;
            tail.Hashes[at] = hash.Value;
            tail.Details[at] = hash.Detail;
            tail.Keys[at] = key;
            // Publish the entry only after it is written: readers read Count first.
            Volatile.Write(ref tail.CountField, at + 1);
            if (at + 1 == TailCapacity)
                _snapshot = Seal(snapshot);
        }
    }

    /// <summary>The entries within <see cref="MaxDistance"/> of <paramref name="hash"/>, nearest first (ties by
    /// key), one per key, at most <paramref name="maxResults"/>.</summary>
    public IReadOnlyList<ReuseMatch> Find(PerceptualHash hash, int maxResults = 10) => FindAny([hash], maxResults);

    /// <summary>As <see cref="Find"/> for several probes of one picture (<see cref="Fingerprinter.ComputeProbes"/>):
    /// each key is reported once, at its smallest distance to any probe.</summary>
    public IReadOnlyList<ReuseMatch> FindAny(IReadOnlyList<PerceptualHash> probes, int maxResults = 10)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        var snapshot = _snapshot;
        var tail = snapshot.Tail;
        var tailCount = tail.Count;
        var found = new List<ReuseMatch>();
        var valueLimit = Math.Min(MaxDistance, ValueSearchDistance);
        // Neighbouring crop windows of one picture often hash alike: search each distinct probe once.
        var searched = new HashSet<PerceptualHash>();
        foreach (var probe in probes)
        {
            if (!searched.Add(probe)) continue;
            foreach (var segment in snapshot.Segments)
                segment.Search(probe, valueLimit, MaxDistance, found);
            for (var i = 0; i < tailCount; i++)
            {
                var valueDistance = BitOperations.PopCount(tail.Hashes[i] ^ probe.Value);
                if (valueDistance > valueLimit) continue;
                var distance = valueDistance + BitOperations.PopCount(tail.Details[i] ^ probe.Detail);
                if (distance <= MaxDistance)
                    found.Add(new ReuseMatch(tail.Keys[i], distance, ReuseMatch.SimilarityOf(distance)));
            }
        }
        if (found.Count == 0) return [];
        found.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Key.CompareTo(b.Key));
        var seen = new HashSet<long>();
        var results = new List<ReuseMatch>(Math.Min(maxResults, found.Count));
        foreach (var match in found)
        {
            if (seen.Add(match.Key)) results.Add(match);
            if (results.Count == maxResults) break;
        }
        return results;
    }

    /// <summary>Writes the index in its versioned binary format (see <see cref="ReuseIndexFormat"/>).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var snapshot = _snapshot;
        // Read the tail's count once: an Add running meanwhile must not change what this save contains.
        var tailCount = snapshot.Tail.Count;
        ReuseIndexFormat.Write(stream, MaxDistance, snapshot.SegmentCount + tailCount, Entries(snapshot, tailCount));
    }

    /// <summary>Reads an index written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a ClaimLens reuse index, is of an unknown version,
    /// truncated or corrupt; the message says which.</exception>
    public static ReuseIndex Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (maxDistance, hashes, details, keys) = ReuseIndexFormat.Read(stream);
        var index = new ReuseIndex(maxDistance);
        if (hashes.Length > 0)
        {
            var segment = ReuseSegment.Build([(hashes, details, keys, hashes.Length)]);
            index._snapshot = new Snapshot([segment], new Tail(), segment.Count);
        }
        return index;
    }

    /// <summary>True when every key is in [0, <paramref name="limit"/>).</summary>
    internal bool KeysBelow(long limit)
    {
        var snapshot = _snapshot;
        foreach (var (_, key) in Entries(snapshot, snapshot.Tail.Count))
            if (key < 0 || key >= limit) return false;
        return true;
    }

    private static IEnumerable<(PerceptualHash Hash, long Key)> Entries(Snapshot snapshot, int tailCount)
    {
        foreach (var segment in snapshot.Segments)
            for (var i = 0; i < segment.Count; i++)
                yield return (new PerceptualHash(segment.Hashes[i], segment.Details[i]), segment.Keys[i]);
        var tail = snapshot.Tail;
        for (var i = 0; i < tailCount; i++)
            yield return (new PerceptualHash(tail.Hashes[i], tail.Details[i]), tail.Keys[i]);
    }

    /// <summary>Turns the full tail into a segment and merges equal-sized neighbours.</summary>
    private static Snapshot Seal(Snapshot snapshot)
    {
        var tail = snapshot.Tail;
        var segments = new List<ReuseSegment>(snapshot.Segments)
        {
            ReuseSegment.Build([(tail.Hashes, tail.Details, tail.Keys, tail.Count)]),
        };
        while (segments.Count >= 2 && segments[^1].Count >= segments[^2].Count)
        {
            var (older, newer) = (segments[^2], segments[^1]);
            segments.RemoveRange(segments.Count - 2, 2);
            segments.Add(ReuseSegment.Build([Part(older), Part(newer)]));
        }
        return new Snapshot([.. segments], new Tail(), snapshot.SegmentCount + tail.Count);
    }

    private static (ulong[], ulong[], long[], int) Part(ReuseSegment segment) =>
        (segment.Hashes, segment.Details, segment.Keys, segment.Count);

    private sealed record Snapshot(ReuseSegment[] Segments, Tail Tail, int SegmentCount);

    private sealed class Tail
    {
        public readonly ulong[] Hashes = new ulong[TailCapacity];
        public readonly ulong[] Details = new ulong[TailCapacity];
        public readonly long[] Keys = new long[TailCapacity];
        public int CountField;

        public int Count => Volatile.Read(ref CountField);
    }
}
