using ClaimLens.Forensics.Derivation;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class MedianTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 5)]
    [InlineData(1001, 11)]
    [InlineData(4096, 3)] // many ties: values drawn from 0..3
    public void Select_AnyRank_EqualsTheSortedValue(int length, int seed)
    {
        var rng = new Random(seed);
        var values = Enumerable.Range(0, length).Select(_ => length == 4096 ? rng.Next(4) : (float)rng.NextDouble()).ToArray();
        var sorted = values.Order().ToArray();

        foreach (var k in new[] { 0, length / 2, length - 1 })
            Assert.Equal(sorted[k], Median.Select(values.ToArray(), k));
    }

    [Theory]
    [InlineData(187_500, 1, 0)] // ratios as the change mask has them: log-normal, positive
    [InlineData(100_003, 2, 1)] // signed values, zeros of both signs
    [InlineData(50_000, 3, 2)] // few distinct values: the k-th value's bucket holds a fifth of them
    [InlineData(8192, 4, 3)] // a dense bucket: values within 1 % of each other
    public void Select_ManyValues_EqualsTheSortedValue(int length, int seed, int kind)
    {
        var rng = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = kind switch
            {
                0 => (float)Math.Exp((rng.NextDouble() * 6) - 3),
                1 => i % 97 == 0 ? (i % 2 == 0 ? 0f : -0f) : (float)((rng.NextDouble() - 0.4) * 1e3),
                2 => rng.Next(5) * 0.25f,
                _ => 1f + (float)(rng.NextDouble() * 0.005),
            };
        }
        var sorted = values.Order().ToArray();

        foreach (var k in new[] { 0, 1, length / 3, length / 2, length - 2, length - 1 })
        {
            Assert.Equal(sorted[k], Median.Select(values.ToArray(), k));
            Assert.Equal(Quickselect(values.ToArray(), k), Median.Select(values.ToArray(), k));
        }
    }

    [Fact]
    public void Select_ManyValuesWithNaN_FallsBackToQuickselect()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (float)i).ToArray();
        values[1234] = float.NaN;

        foreach (var k in new[] { 10, 5000, 9999 })
            Assert.Equal(Quickselect(values.ToArray(), k), Median.Select(values.ToArray(), k));
    }

    // Median.Select before session 7, for every length.
    private static float Quickselect(float[] values, int k)
    {
        var (lo, hi) = (0, values.Length - 1);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var pivot = Math.Max(Math.Min(values[lo], values[mid]), Math.Min(Math.Max(values[lo], values[mid]), values[hi]));
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                hi = j;
            else if (k >= i)
                lo = i;
            else
                return values[k];
        }
        return values[k];
    }

    [Fact]
    public void Select_SortedAndReversedInput_EqualsTheSortedValue()
    {
        var ascending = Enumerable.Range(0, 10_000).Select(i => (float)i).ToArray();

        Assert.Equal(5000f, Median.Select(ascending.ToArray(), 5000));
        Assert.Equal(5000f, Median.Select(ascending.Reverse().ToArray(), 5000));
    }

    [Fact]
    public void Select_RankOutsideTheValues_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Median.Select(new float[3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Median.Select(new float[3], -1));
    }
}
