using ClaimLens.DevSet;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class NoiseCorrelationTests : IClassFixture<DerivationInspectorTests.References>
{
    private readonly DerivationInspectorTests.References _refs;
    private readonly ITestOutputHelper _output;

    public NoiseCorrelationTests(DerivationInspectorTests.References refs, ITestOutputHelper output)
    {
        _refs = refs;
        _output = output;
    }

    [Theory]
    [InlineData(92)]
    [InlineData(80)]
    public void Inspect_CopyOfReference_CarriesItsNoise(int quality)
    {
        var bytes = Scenes.Jpeg(_refs.Source, quality);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));
        _output.WriteLine($"{report.Match}");

        Assert.NotNull(report.Match);
        Assert.True(report.Match.NoiseCorrelation > 0.3, $"copy correlation {report.Match.NoiseCorrelation}");
        Assert.True(report.Match.NoiseCorrelation >= Agreement.MinNoiseShare * report.Match.ExpectedNoiseCorrelation);
        Assert.True(report.Match.Derived);
    }

    // Formerly a false positive: its expected noise correlation (0.281) is just under the noise cue's 0.3 floor,
    // so that cue abstains, and its median local shift sat just under the 0.3 px limit (0.299 with ECC; 0.302 with the Gauss-Newton refinement; 0.304 since the
    // simulated scene loses the reference's grain, round 3). The residual displacement field, 0.29 px with
    // F = 159 against the 0.05 px veto, is what tells it from a copy with a wide margin.
    [Fact]
    public void Inspect_TypicalRephotographSeed21_NotDerived() => Inspect_DevSetRephotograph_NoiseIndependentAndNotDerived(RephotoStrength.Typical, 21);

    [Theory]
    [InlineData(RephotoStrength.Strong, 22)]
    [InlineData(RephotoStrength.Typical, 23)]
    public void Inspect_DevSetRephotograph_NoiseIndependentAndNotDerived(RephotoStrength strength, int seed)
    {
        using var photo = Rephotograph.Simulate(_refs.Source, new Random(seed), strength);
        var bytes = Scenes.Jpeg(photo, 92);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));
        _output.WriteLine($"{report.Match}");

        // Same flat scene, so the geometry matches; its noise is its own.
        Assert.NotNull(report.Match);
        Assert.Equal("listing-1.jpg", report.Match.ReferenceName);
        Assert.True(report.Match.NoiseCorrelation < 0.3, $"new exposure correlation {report.Match.NoiseCorrelation}");
        Assert.False(report.Match.Derived);
        Assert.Null(report.Finding);
    }

    [Fact]
    public void Inspect_HalfSizeCopy_CueAbstainsAndDetailsStillSerialize()
    {
        // At half size the reference's noise is averaged away: the cue must abstain (NaN), and NaN has no JSON
        // number, so the finding's details must still serialise.
        using var half = new Mat();
        Cv2.Resize(_refs.Source, half, new Size(), 0.5, 0.5, InterpolationFlags.Area);
        var bytes = Scenes.Jpeg(half, 85);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));

        Assert.NotNull(report.Finding);
        Assert.True(double.IsNaN(report.Match!.NoiseCorrelation));
        Assert.Contains("\"noiseCorrelation\":null", report.Finding.Details.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_FullSizeCopy_DetailsCarryNoiseCorrelation()
    {
        var bytes = Scenes.Jpeg(_refs.Source, 92);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));

        Assert.NotNull(report.Finding);
        Assert.True(report.Finding.Details["noiseCorrelation"]!.GetValue<double>() > 0.3);
    }

    [Fact]
    public void Measure_NoiselessFlatPictures_Abstains()
    {
        // Bad input tried: two identical noiseless grey pictures, where any correlation would be meaningless.
        using var flat = new Mat(256, 256, MatType.CV_32FC3, Scalar.All(128));
        using var valid = new Mat(256, 256, MatType.CV_8UC1, Scalar.All(255));
        var (correlation, expected) = NoiseCorrelation.Measure(flat, flat, valid, 16, 1.0, null, 1);

        Assert.True(double.IsNaN(correlation));
        Assert.True(double.IsNaN(expected));
    }

    [Fact]
    public void Measure_PictureSmallerThanBlock_Abstains()
    {
        // Bad input tried: a 10x10 picture, smaller than one 16-pixel block.
        using var tiny = new Mat(10, 10, MatType.CV_32FC3, Scalar.All(90));
        using var valid = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(255));

        Assert.True(double.IsNaN(NoiseCorrelation.Measure(tiny, tiny, valid, 16, 1.0, null, 1).Correlation));
    }

    [Fact]
    public void Measure_SameNoiseVersusIndependentNoise_Separates()
    {
        using var baseImage = new Mat(256, 256, MatType.CV_32FC3, Scalar.All(120));
        using var noiseA = new Mat(256, 256, MatType.CV_32FC3);
        using var noiseB = new Mat(256, 256, MatType.CV_32FC3);
        new RNG(1).Fill(noiseA, DistributionType.Normal, Scalar.All(0), Scalar.All(3));
        new RNG(2).Fill(noiseB, DistributionType.Normal, Scalar.All(0), Scalar.All(3));
        using var a = new Mat();
        using var b = new Mat();
        Cv2.Add(baseImage, noiseA, a);
        Cv2.Add(baseImage, noiseB, b);
        using var valid = new Mat(256, 256, MatType.CV_8UC1, Scalar.All(255));

        var same = NoiseCorrelation.Measure(a, a, valid, 16, 1.0, null, 1);
        var independent = NoiseCorrelation.Measure(a, b, valid, 16, 1.0, null, 1);

        Assert.True(same.Correlation > 0.95);
        Assert.True(Math.Abs(independent.Correlation) < 0.1);
        Assert.True(same.Expected > 0.9);
    }
}
