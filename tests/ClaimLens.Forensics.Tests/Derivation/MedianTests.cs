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
