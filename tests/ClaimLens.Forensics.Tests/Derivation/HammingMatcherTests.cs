using System.Runtime.Intrinsics.X86;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class HammingMatcherTests(ITestOutputHelper output)
{
    // Train counts around the vector widths (32 and 64 trains per block), empty, and ORB's reference size.
    public static TheoryData<int, bool> Cases()
    {
        var data = new TheoryData<int, bool>();
        foreach (var trains in new[] { 0, 1, 2, 31, 32, 33, 63, 64, 65, 127, 130, 2500 })
        {
            data.Add(trains, false);
            data.Add(trains, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchAvx512_RandomDescriptors_EqualsScalarLoop(int trains, bool fewBits)
    {
        if (!Avx512Vbmi.IsSupported)
        {
            output.WriteLine("AVX-512 VBMI is not supported on this processor: that path cannot run here.");
            return;
        }
        var (query, train) = Descriptors(trains, fewBits, seed: trains * 2 + (fewBits ? 1 : 0));

        AssertSame(HammingMatcher.SearchScalar(query, train), HammingMatcher.SearchAvx512(query, train));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchAvx2_RandomDescriptors_EqualsScalarLoop(int trains, bool fewBits)
    {
        if (!Avx2.IsSupported)
        {
            output.WriteLine("AVX2 is not supported on this processor: that path cannot run here.");
            return;
        }
        var (query, train) = Descriptors(trains, fewBits, seed: 1000 + trains * 2 + (fewBits ? 1 : 0));

        AssertSame(HammingMatcher.SearchScalar(query, train), HammingMatcher.SearchAvx2(query, train));
    }

    [Fact]
    public void Search_ComplementAndDuplicates_FindsDistance256AndKeepsTheLowerIndex()
    {
        // A byte lane that wrapped at 256 would report the complement as distance 0; a tie broken the wrong way
        // would report the later duplicate.
        var query = new[] { 0x0123456789ABCDEFUL, 0xFEDCBA9876543210UL, 0x0F0F0F0F0F0F0F0FUL, 0xDEADBEEFCAFEF00DUL };
        var complement = query.Select(w => ~w).ToArray();
        var near = query.ToArray();
        near[2] ^= 0b111;
        // Train 0: the complement (256); 1 and 2: the same near copy (3), so 1 is best and 2 second; 3: the complement again.
        ulong[] train = [.. complement, .. near, .. near, .. complement];

        var (best, bestDistance, secondDistance) = HammingMatcher.Search(query, train);
        var onlyComplement = HammingMatcher.Search(query, complement);

        Assert.Equal((1, 3, 3), (best[0], bestDistance[0], secondDistance[0]));
        Assert.Equal((0, 256, int.MaxValue), (onlyComplement.Best[0], onlyComplement.BestDistance[0], onlyComplement.SecondDistance[0]));
        AssertSame(HammingMatcher.SearchScalar(query, train), (best, bestDistance, secondDistance));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(65, true)]
    [InlineData(700, false)]
    [InlineData(700, true)]
    public void SearchApart_RandomPoints_EqualsThePairwiseLoop(int count, bool fewBits)
    {
        // Points on a 4 px lattice over 96 px, so many pairs are nearer than the 20 px limit and many exactly
        // 20 px apart (20 x 0, 12 x 16), where < and <= differ; some points off the lattice. The reference is
        // copy-move's former loop: each pair once, offered to both ends.
        var rng = new Random(count);
        var (_, descriptors) = Descriptors(count, fewBits, seed: count + 7);
        var points = Enumerable.Range(0, count).Select(i => i % 17 == 5 ? new Point2f(40.25f, 40.5f) : new Point2f(4 * rng.Next(25), 4 * rng.Next(25))).ToArray();

        var expected = PairwiseLoop(descriptors, points, 20);

        AssertSame(expected, HammingMatcher.SearchApartScalar(descriptors, points, 400));
        AssertSame(expected, HammingMatcher.SearchApart(descriptors, points, 20));
    }

    private static (int[] Best, int[] BestDistance, int[] SecondDistance) PairwiseLoop(ulong[] bits, Point2f[] points, double minShift)
    {
        var count = points.Length;
        var best = Enumerable.Repeat(-1, count).ToArray();
        var bestDistance = Enumerable.Repeat(int.MaxValue, count).ToArray();
        var second = Enumerable.Repeat(int.MaxValue, count).ToArray();
        void Offer(int i, int j, int d)
        {
            if (d < bestDistance[i])
                (second[i], bestDistance[i], best[i]) = (bestDistance[i], d, j);
            else if (d < second[i])
                second[i] = d;
        }
        for (var i = 0; i < count; i++)
        {
            var p = points[i];
            for (var j = i + 1; j < count; j++)
            {
                var q = points[j];
                if ((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y) < minShift * minShift)
                    continue;
                var d = 0;
                for (var w = 0; w < HammingMatcher.Words; w++)
                    d += System.Numerics.BitOperations.PopCount(bits[i * HammingMatcher.Words + w] ^ bits[j * HammingMatcher.Words + w]);
                Offer(i, j, d);
                Offer(j, i, d);
            }
        }
        return (best, bestDistance, second);
    }

    // 300 queries against `trains` descriptors. With fewBits only 6 bits of each descriptor vary, so distances
    // are 0-6 with many ties and duplicates; otherwise the bits are uniform (distances around 128) and a few
    // queries are copies or complements of trains, so distances 0 and 256 occur too.
    private static (ulong[] Query, ulong[] Train) Descriptors(int trains, bool fewBits, int seed)
    {
        var rng = new Random(seed);
        ulong Word(int w) => fewBits ? (w == 1 ? (ulong)rng.Next(64) << 17 : 0x5555_0000_FFFF_1234UL) : (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
        var train = new ulong[trains * HammingMatcher.Words];
        for (var i = 0; i < train.Length; i++)
            train[i] = Word(i % HammingMatcher.Words);
        var query = new ulong[300 * HammingMatcher.Words];
        for (var q = 0; q < 300; q++)
        {
            var source = trains > 0 && q % 10 == 0 ? rng.Next(trains) : -1;
            for (var w = 0; w < HammingMatcher.Words; w++)
            {
                query[q * HammingMatcher.Words + w] = source < 0 ? Word(w)
                    : q % 20 == 0 ? ~train[source * HammingMatcher.Words + w] : train[source * HammingMatcher.Words + w];
            }
        }
        return (query, train);
    }

    private static void AssertSame((int[] Best, int[] BestDistance, int[] SecondDistance) expected, (int[] Best, int[] BestDistance, int[] SecondDistance) actual)
    {
        Assert.Equal(expected.Best, actual.Best);
        Assert.Equal(expected.BestDistance, actual.BestDistance);
        Assert.Equal(expected.SecondDistance, actual.SecondDistance);
    }
}
