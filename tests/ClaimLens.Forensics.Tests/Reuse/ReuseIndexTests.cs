using System.Numerics;
using ClaimLens.Forensics.Reuse;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class ReuseIndexTests
{
    private static ulong RandomBits(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);

    private static PerceptualHash Random128(Random random) => new(RandomBits(random), RandomBits(random));

    /// <summary>Flips <paramref name="valueBits"/> distinct bits of the pHash half and <paramref name="detailBits"/> of the other.</summary>
    private static PerceptualHash Flip(PerceptualHash hash, int valueBits, Random random, int detailBits = 0) =>
        new(Flip(hash.Value, valueBits, random), Flip(hash.Detail, detailBits, random));

    private static ulong Flip(ulong bits, int count, Random random)
    {
        var flipped = bits;
        while (BitOperations.PopCount(flipped ^ bits) < count)
            flipped ^= 1UL << random.Next(64);
        return flipped;
    }

    [Fact]
    public void Find_AfterManyAdds_AgreesWithALinearScan()
    {
        // 200,000 entries: several tails sealed into segments and merged. Planted neighbours at every pHash
        // distance 0..14 and detail distance 0..19 check that the search neither misses nor over-reports.
        var random = new Random(42);
        var index = new ReuseIndex();
        var all = new List<(PerceptualHash Hash, long Key)>();
        var queries = new List<PerceptualHash>();
        for (var i = 0; i < 200_000; i++)
        {
            var hash = Random128(random);
            if (i % 1000 == 0)
            {
                var query = Random128(random);
                queries.Add(query);
                hash = Flip(query, i / 1000 % 15, random, i / 1000 * 7 % 20);
            }
            index.Add(hash, i);
            all.Add((hash, i));
        }
        Assert.Equal(200_000, index.Count);

        foreach (var query in queries)
        {
            var expected = all.Where(e => e.Hash.ValueDistanceTo(query) <= ReuseIndex.ValueSearchDistance && e.Hash.DistanceTo(query) <= index.MaxDistance)
                .OrderBy(e => e.Hash.DistanceTo(query)).ThenBy(e => e.Key).Select(e => e.Key).Take(10).ToList();
            var actual = index.Find(query);
            Assert.Equal(expected, actual.Select(m => m.Key).ToList());
            Assert.All(actual, m => Assert.Equal(all[(int)m.Key].Hash.DistanceTo(query), m.Distance));
        }
    }

    [Fact]
    public void Find_SeveralMatches_NearestFirstOnePerKeyAndCapped()
    {
        var random = new Random(7);
        var index = new ReuseIndex();
        var query = Random128(random);
        index.Add(Flip(query, 6, random), 1);
        index.Add(Flip(query, 2, random), 2);
        index.Add(Flip(query, 4, random), 3);
        index.Add(Flip(query, 8, random), 2); // the same key again, farther: reported once at distance 2
        index.Add(Flip(query, 12, random), 4); // pHash half beyond the search distance
        index.Add(Flip(query, 4, random, 30), 5); // detail half too far: the whole is beyond the threshold

        var matches = index.Find(query);
        Assert.Equal([2L, 3L, 1L], matches.Select(m => m.Key));
        Assert.Equal([2, 4, 6], matches.Select(m => m.Distance));
        Assert.Equal(1 - 2 / 64.0, matches[0].Similarity, 6);
        Assert.Single(index.Find(query, maxResults: 1));
    }

    [Fact]
    public void FindAny_SeveralProbes_ReportsEachKeyAtItsBestDistance()
    {
        var random = new Random(8);
        var index = new ReuseIndex();
        var a = Random128(random);
        var b = Random128(random);
        index.Add(a, 10);
        index.Add(Flip(b, 4, random), 20);
        var matches = index.FindAny([Flip(a, 6, random), a, b]);
        Assert.Equal([(10L, 0), (20L, 4)], matches.Select(m => (m.Key, m.Distance)));
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsEntriesAndThreshold()
    {
        var random = new Random(9);
        var index = new ReuseIndex(maxDistance: 8);
        var hashes = Enumerable.Range(0, 70_000).Select(_ => Random128(random)).ToList();
        for (var i = 0; i < hashes.Count; i++) index.Add(hashes[i], i * 3L);

        using var stream = new MemoryStream();
        index.Save(stream);
        Assert.Equal(16 + 24 * 70_000 + 8, stream.Length);
        stream.Position = 0;
        var loaded = ReuseIndex.Load(stream);

        Assert.Equal(70_000, loaded.Count);
        Assert.Equal(8, loaded.MaxDistance);
        foreach (var i in new[] { 0, 1, 32_767, 32_768, 69_999 })
        {
            var near = Flip(hashes[i], 4, random);
            Assert.Equal(index.Find(near), loaded.Find(near));
        }
        foreach (var i in new[] { 0, 1, 32_767, 32_768, 69_999 })
            Assert.Contains(loaded.Find(hashes[i]), m => m.Key == i * 3L && m.Distance == 0);
    }

    [Fact]
    public void Load_EmptyIndex_RoundTrips()
    {
        using var stream = new MemoryStream();
        new ReuseIndex().Save(stream);
        stream.Position = 0;
        Assert.Equal(0, ReuseIndex.Load(stream).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(100)]
    [InlineData(16 + 24 * 50)]
    public void Load_Truncated_ThrowsInvalidData(int keep)
    {
        // Bad input tried: the saved bytes cut at the magic, inside the header, right after it, inside the
        // entries, and just before the checksum.
        var bytes = Saved(50);
        using var cut = new MemoryStream(bytes[..keep]);
        var error = Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(cut));
        Assert.Matches("truncated|shorter", error.Message);
    }

    [Fact]
    public void Load_CorruptHeaderOrEntries_ThrowsInvalidDataSayingWhat()
    {
        var good = Saved(50);

        var magic = (byte[])good.Clone();
        magic[0] = (byte)'X';
        Assert.Contains("CLRI", Load(magic).Message, StringComparison.Ordinal);

        var version = (byte[])good.Clone();
        version[4] = 9;
        Assert.Contains("version 9", Load(version).Message, StringComparison.Ordinal);

        var distance = (byte[])good.Clone();
        distance[6] = 200;
        Assert.Contains("distance 200", Load(distance).Message, StringComparison.Ordinal);

        var entry = (byte[])good.Clone();
        entry[16 + 24 * 7 + 3] ^= 0x10;
        Assert.Contains("checksum", Load(entry).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HugeCountOnAStreamThatCannotSeek_FailsWithoutAllocatingForIt()
    {
        // Bad input tried: a header announcing 2^30 entries (16 GB) followed by 50 real ones, on a stream
        // without a length; the reader must grow with the data and stop at its end.
        var bytes = Saved(50);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 1L << 30);
        using var stream = new ForwardOnlyStream(bytes);
        var error = Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(stream));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

        BitConverter.TryWriteBytes(bytes.AsSpan(8), long.MaxValue);
        using var seekable = new MemoryStream(bytes);
        Assert.Contains("entries", Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(seekable)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RandomByteDamage_OnlyEverThrowsInvalidData()
    {
        var good = Saved(200);
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var bad = (byte[])good.Clone();
            for (var k = random.Next(1, 4); k > 0; k--) bad[random.Next(bad.Length)] = (byte)random.Next(256);
            if (bad.AsSpan().SequenceEqual(good)) continue;
            using var stream = new MemoryStream(bad[..random.Next(bad.Length / 2, bad.Length + 1)]);
            Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(stream));
        }
    }

    [Fact]
    public async Task FindAndSave_WhileAnotherThreadAdds_NeverThrowAndSeeFinishedAdds()
    {
        var index = new ReuseIndex();
        var random = new Random(11);
        var hashes = Enumerable.Range(0, 150_000).Select(_ => Random128(random)).ToArray();
        var added = 0;
        var failures = 0;
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var local = new Random(r);
            while (!done.IsCancellationRequested)
            {
                var seen = Volatile.Read(ref added);
                if (seen == 0) continue;
                var i = local.Next(seen);
                if (!index.Find(hashes[i]).Any(m => m.Key == i)) Interlocked.Increment(ref failures);
                if (r == 1 && local.Next(200) == 0)
                {
                    // Saving while entries arrive must write one consistent snapshot that loads again.
                    using var saved = new MemoryStream();
                    index.Save(saved);
                    saved.Position = 0;
                    if (ReuseIndex.Load(saved).Count < seen) Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        await Task.Run(() =>
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                index.Add(hashes[i], i);
                Volatile.Write(ref added, i + 1);
            }
        });
        await done.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.Equal(hashes.Length, index.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65)]
    public void Constructor_UnsupportedDistance_Throws(int maxDistance) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReuseIndex(maxDistance));

    private static byte[] Saved(int entries)
    {
        var random = new Random(entries);
        var index = new ReuseIndex();
        for (var i = 0; i < entries; i++) index.Add(Random128(random), i);
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    private static InvalidDataException Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(stream));
    }

    /// <summary>A stream that can only be read forwards and does not know its length (a network body).</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
