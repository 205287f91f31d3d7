using ClaimLens.Forensics.Reuse;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class FingerprinterTests(ITestOutputHelper output)
{
    private const int Threshold = ReuseIndex.DefaultMaxDistance;

    [Fact]
    public void Compute_NearCopiesOfDrawnScenes_MatchWithinThreshold()
    {
        var misses = new List<string>();
        for (var seed = 1; seed <= 6; seed++)
        {
            using var scene = Scenes.Draw(seed);
            var stored = Fingerprinter.Compute(scene);
            foreach (var (name, make) in NearCopies.All)
            {
                using var copy = make(scene);
                var best = BestCombined(Fingerprinter.ComputeProbes(copy), stored);
                if (best > Threshold) misses.Add($"seed {seed}, {name}: {best}");
            }
        }
        Assert.True(misses.Count == 0, "near copies not matched: " + string.Join("; ", misses));
    }

    [Fact]
    public void Compute_DifferentDrawnScenes_DoNotMatch()
    {
        var stored = new List<PerceptualHash>();
        var probes = new List<IReadOnlyList<PerceptualHash>>();
        for (var seed = 100; seed < 120; seed++)
        {
            using var scene = Scenes.Draw(seed);
            stored.Add(Fingerprinter.Compute(scene));
            probes.Add(Fingerprinter.ComputeProbes(scene));
        }
        var closest = int.MaxValue;
        for (var i = 0; i < stored.Count; i++)
        {
            for (var j = 0; j < stored.Count; j++)
            {
                if (i != j) closest = Math.Min(closest, BestCombined(probes[i], stored[j]));
            }
        }
        output.WriteLine($"closest pair of different drawn scenes: {closest}");
        Assert.True(closest > Threshold, $"two different scenes are {closest} apart (threshold {Threshold})");
    }

    [Fact]
    public void ComputeProbes_FirstProbe_IsTheStoredFingerprint()
    {
        using var scene = Scenes.Draw(7);
        var probes = Fingerprinter.ComputeProbes(scene);
        Assert.Equal(Fingerprinter.ProbeCount, probes.Count);
        Assert.Equal(Fingerprinter.Compute(scene), probes[0]);
    }

    [Fact]
    public void Compute_ScreenshotBorder_IsTrimmedAway()
    {
        using var scene = Scenes.Draw(8);
        using var framed = NearCopies.Border(scene);
        Assert.True(Fingerprinter.Compute(framed).DistanceTo(Fingerprinter.Compute(scene)) <= 6);
    }

    [Fact]
    public void Compute_MirroredCopy_IsADifferentPicture()
    {
        // Mirroring is deliberately not matched (see the decision record); this pins the behaviour down.
        using var scene = Scenes.Draw(9);
        using var mirrored = NearCopies.Mirror(scene);
        Assert.True(BestCombined(Fingerprinter.ComputeProbes(mirrored), Fingerprinter.Compute(scene)) > Threshold);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(500, 7)]
    public void Compute_TinyOrFlatPictures_DoNotThrow(int width, int height)
    {
        // Bad input tried: 1x1, slivers, a picture that is nothing but frame.
        using var flat = new Mat(height, width, MatType.CV_8UC3, new Scalar(200, 200, 200));
        var hash = Fingerprinter.Compute(flat);
        Assert.Equal(Fingerprinter.ProbeCount, Fingerprinter.ComputeProbes(flat).Count);
        Assert.Equal(hash, Fingerprinter.Compute(flat));
    }

    [Fact]
    public void Compute_GreyAndBgraInput_GiveTheSameHashAsBgr()
    {
        using var scene = Scenes.Draw(10);
        using var gray = new Mat();
        Cv2.CvtColor(scene, gray, ColorConversionCodes.BGR2GRAY);
        using var bgra = new Mat();
        Cv2.CvtColor(scene, bgra, ColorConversionCodes.BGR2BGRA);
        var expected = Fingerprinter.Compute(scene);
        Assert.Equal(expected, Fingerprinter.Compute(gray));
        Assert.Equal(expected, Fingerprinter.Compute(bgra));
    }

    [Fact]
    public void Compute_EmptyOrFloatMat_ThrowsArgumentException()
    {
        using var empty = new Mat();
        using var floats = new Mat(10, 10, MatType.CV_32FC3);
        Assert.Throws<ArgumentException>(() => Fingerprinter.Compute(empty));
        Assert.Throws<ArgumentException>(() => Fingerprinter.Compute(floats));
    }

    [Fact]
    public void Parse_RoundTripsToString_AndRejectsJunk()
    {
        var hash = new PerceptualHash(0x0123456789abcdefUL, 0xfedcba9876543210UL);
        Assert.Equal("0123456789abcdeffedcba9876543210", hash.ToString());
        Assert.Equal(hash, PerceptualHash.Parse(hash.ToString()));
        Assert.Throws<FormatException>(() => PerceptualHash.Parse("xyz"));
        Assert.Throws<FormatException>(() => PerceptualHash.Parse("0123456789abcdef0123456789abcdeg"));
    }

    internal static int BestDistance(IReadOnlyList<PerceptualHash> probes, PerceptualHash stored) =>
        probes.Min(p => p.ValueDistanceTo(stored));

    /// <summary>Smallest 128-bit distance among probes whose pHash half is within the index's search radius
    /// (999 when there is none): what decides a match in <see cref="ReuseIndex"/>.</summary>
    internal static int BestCombined(IReadOnlyList<PerceptualHash> probes, PerceptualHash stored) =>
        probes.Where(p => p.ValueDistanceTo(stored) <= ReuseIndex.DefaultMaxDistance).Select(p => p.DistanceTo(stored)).DefaultIfEmpty(999).Min();
}
