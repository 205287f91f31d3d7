using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace ClaimLens.Forensics.Reuse;

/// <summary>An immutable multi-index hash table over a batch of fingerprints. The 64 pHash bits are split into
/// three interleaved substrings (bits i mod 3 = 0, 1, 2: 22, 21 and 21 bits). Two hashes within distance d differ
/// in at most d / 3 (rounded down) bits of at least one substring (pigeonhole), so probing every bucket within
/// that radius of the query's substring in each table finds every match. Each table buckets entries by the top bits of its
/// substring in a compressed-sparse-row layout: an offsets array per table, entries stored contiguously.
/// Table 0 orders the hash, detail and key arrays themselves; tables 1 and 2 hold positions into them.
/// Candidates are confirmed with the 64-bit detail hash. Segments small enough to scan faster than to probe have
/// no tables. Memory per entry: 8 (hash) + 8 (detail) + 8 (key) + 2 x 4 (positions), plus about 4 bytes per
/// bucket per table (about one bucket per entry).</summary>
internal sealed class ReuseSegment
{
    public const int Tables = 3;

    // Masks of the interleaved substrings: every third bit starting at bit 0, 1 and 2.
    private static readonly ulong[] Masks = [0x9249249249249249UL, 0x2492492492492492UL, 0x4924924924924924UL];
    private static readonly int[] Lengths = [22, 21, 21];

    /// <summary>Up to this many entries a linear scan (about 30 µs) is as fast as probing ~400 buckets.</summary>
    public const int LinearScanLimit = 1 << 15;

    private readonly ulong[] _hashes;
    private readonly ulong[] _details;
    private readonly long[] _keys;
    private readonly int[] _bucketBits;
    private readonly int[][] _offsets;
    private readonly int[]?[] _positions;

    private ReuseSegment(ulong[] hashes, ulong[] details, long[] keys, int[] bucketBits, int[][] offsets, int[]?[] positions)
    {
        _hashes = hashes;
        _details = details;
        _keys = keys;
        _bucketBits = bucketBits;
        _offsets = offsets;
        _positions = positions;
    }

    public int Count => _hashes.Length;

    /// <summary>The hashes in table-0 order; never written after construction.</summary>
    public ulong[] Hashes => _hashes;

    /// <summary>The detail hashes, parallel to <see cref="Hashes"/>.</summary>
    public ulong[] Details => _details;

    /// <summary>The keys, parallel to <see cref="Hashes"/>.</summary>
    public long[] Keys => _keys;

    public long MemoryBytes
    {
        get
        {
            long bytes = 24L * _hashes.Length;
            for (var t = 0; t < _offsets.Length; t++)
                bytes += 4L * _offsets[t].Length + 4L * (_positions[t]?.Length ?? 0);
            return bytes;
        }
    }

    /// <summary>Builds a segment from the concatenation of <paramref name="parts"/> (hashes and keys of equal length).</summary>
    public static ReuseSegment Build(IReadOnlyList<(ulong[] Hashes, ulong[] Details, long[] Keys, int Count)> parts)
    {
        var n = 0;
        foreach (var part in parts) n = checked(n + part.Count);
        if (n <= LinearScanLimit)
            return Flat(parts, n);
        // About one entry per bucket: fewer bits make buckets long, more make the offsets array outgrow the data.
        var wanted = Math.Max(4, BitOperations.Log2((uint)Math.Max(1, n)));
        var bucketBits = new int[Tables];
        var offsets = new int[Tables][];
        for (var t = 0; t < Tables; t++)
        {
            bucketBits[t] = Math.Min(Lengths[t], wanted);
            offsets[t] = new int[(1 << bucketBits[t]) + 1];
        }

        // Table 0: counting sort of the entries themselves.
        var counts = offsets[0];
        foreach (var (hashes, _, _, count) in parts)
            for (var i = 0; i < count; i++) counts[Bucket(hashes[i], 0, bucketBits[0]) + 1]++;
        for (var b = 1; b < counts.Length; b++) counts[b] += counts[b - 1];
        var sortedHashes = new ulong[n];
        var sortedDetails = new ulong[n];
        var sortedKeys = new long[n];
        var next = counts.AsSpan(0, counts.Length - 1).ToArray();
        foreach (var (hashes, details, keys, count) in parts)
        {
            for (var i = 0; i < count; i++)
            {
                var at = next[Bucket(hashes[i], 0, bucketBits[0])]++;
                sortedHashes[at] = hashes[i];
                sortedDetails[at] = details[i];
                sortedKeys[at] = keys[i];
            }
        }

        // Tables 1 and 2: positions into the sorted arrays, bucketed the same way.
        var positions = new int[]?[Tables];
        for (var t = 1; t < Tables; t++)
        {
            var table = offsets[t];
            for (var i = 0; i < n; i++) table[Bucket(sortedHashes[i], t, bucketBits[t]) + 1]++;
            for (var b = 1; b < table.Length; b++) table[b] += table[b - 1];
            var slots = new int[n];
            next = table.AsSpan(0, table.Length - 1).ToArray();
            for (var i = 0; i < n; i++) slots[next[Bucket(sortedHashes[i], t, bucketBits[t])]++] = i;
            positions[t] = slots;
        }
        return new ReuseSegment(sortedHashes, sortedDetails, sortedKeys, bucketBits, offsets, positions);
    }

    private static ReuseSegment Flat(IReadOnlyList<(ulong[] Hashes, ulong[] Details, long[] Keys, int Count)> parts, int n)
    {
        var hashes = new ulong[n];
        var details = new ulong[n];
        var keys = new long[n];
        var at = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Hashes, 0, hashes, at, part.Count);
            Array.Copy(part.Details, 0, details, at, part.Count);
            Array.Copy(part.Keys, 0, keys, at, part.Count);
            at += part.Count;
        }
        return new ReuseSegment(hashes, details, keys, [], [], []);
    }

    /// <summary>Adds every entry whose hash is within <paramref name="maxValueDistance"/> of the query's and whose
    /// 128-bit distance is within <paramref name="maxDistance"/> to <paramref name="found"/>; an entry close on
    /// several substrings is added once per table (the caller merges by key).</summary>
    public void Search(PerceptualHash query, int maxValueDistance, int maxDistance, List<ReuseMatch> found)
    {
        if (_offsets.Length == 0)
        {
            for (var i = 0; i < _hashes.Length; i++)
                Check(i, query, maxValueDistance, maxDistance, found);
            return;
        }
        var radius = maxValueDistance / Tables;
        for (var t = 0; t < Tables; t++)
        {
            var bits = _bucketBits[t];
            var home = Bucket(query.Value, t, bits);
            Probe(home, query, t, maxValueDistance, maxDistance, found);
            // Every bucket key within `radius` bit flips of the query's (radius 2 for the default search distance 8).
            for (var i = 0; i < bits && radius >= 1; i++)
            {
                Probe(home ^ (1 << i), query, t, maxValueDistance, maxDistance, found);
                for (var j = i + 1; j < bits && radius >= 2; j++)
                {
                    Probe(home ^ (1 << i) ^ (1 << j), query, t, maxValueDistance, maxDistance, found);
                    for (var k = j + 1; k < bits && radius >= 3; k++)
                        Probe(home ^ (1 << i) ^ (1 << j) ^ (1 << k), query, t, maxValueDistance, maxDistance, found);
                }
            }
        }
    }

    private void Probe(int bucket, PerceptualHash query, int table, int maxValueDistance, int maxDistance, List<ReuseMatch> found)
    {
        var offsets = _offsets[table];
        var from = offsets[bucket];
        var to = offsets[bucket + 1];
        var positions = _positions[table];
        for (var i = from; i < to; i++)
            Check(positions is null ? i : positions[i], query, maxValueDistance, maxDistance, found);
    }

    private void Check(int at, PerceptualHash query, int maxValueDistance, int maxDistance, List<ReuseMatch> found)
    {
        var valueDistance = BitOperations.PopCount(_hashes[at] ^ query.Value);
        if (valueDistance > maxValueDistance) return;
        var distance = valueDistance + BitOperations.PopCount(_details[at] ^ query.Detail);
        if (distance <= maxDistance)
            found.Add(new ReuseMatch(_keys[at], distance, ReuseMatch.SimilarityOf(distance)));
    }

    private static int Bucket(ulong hash, int table, int bits)
    {
        var substring = Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(hash, Masks[table]) : Extract(hash, Masks[table]);
        return (int)(substring >> (Lengths[table] - bits));
    }

    private static ulong Extract(ulong hash, ulong mask)
    {
        ulong result = 0;
        var bit = 0;
        for (var m = mask; m != 0; m &= m - 1)
        {
            if ((hash & (m & (~m + 1))) != 0) result |= 1UL << bit;
            bit++;
        }
        return result;
    }
}
