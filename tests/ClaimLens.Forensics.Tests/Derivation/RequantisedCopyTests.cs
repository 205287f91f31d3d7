using ClaimLens.DevSet;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class RequantisedCopyTests(ITestOutputHelper output)
{
    [Fact]
    public void Simulate_WeakNoiseUnderCoarseSteps_IsZeroedButFineStepsKeepIt()
    {
        using var plane = new Mat(64, 64, MatType.CV_32FC1, Scalar.All(128));
        using var noise = new Mat(64, 64, MatType.CV_32FC1);
        new RNG(7).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(1));
        Cv2.Add(plane, noise, plane);
        var blocks = Enumerable.Range(0, 16).ToArray();

        using var coarse = RequantisedCopy.Simulate(plane, blocks, 4, 16, Table(16), 1);
        using var fine = RequantisedCopy.Simulate(plane, blocks, 4, 16, Table(1), 1);

        // Steps of 16 against coefficients of sigma 1 round every AC coefficient to zero: only the mean is left.
        Assert.True(StdDev(coarse) < 0.2, $"coarse {StdDev(coarse)}");
        Assert.InRange(StdDev(fine), 0.9, 1.1);
    }

    [Fact]
    public void AnalysisSteps_ReducedFourFold_ReadsLowFrequenciesAndShrinksSteps()
    {
        var table = Enumerable.Range(0, 64).Select(i => (ushort)(1 + i)).ToArray();

        var steps = RequantisedCopy.AnalysisSteps(table, 4);

        // Analysis frequency 4 shows full-resolution frequency 1; a 4-fold average divides white noise by 4.
        Assert.Equal(table[0] / 4.0, steps[0], 6);
        Assert.Equal(table[1] / 4.0, steps[4], 6);
        Assert.Equal(table[8 + 1] / 4.0, steps[(8 * 4) + 4], 6);
    }

    /// <summary>A studio listing with little sensor noise, cracked and saved at q80 by the buyer: the claim's coarser
    /// quantisation zeroes most of the listing's fine residual, so the copy's noise correlation falls to ~0.28. The
    /// additive noise model expected 0.48 and vetoed the copy as a new exposure; the simulated copy expects ~0.35.</summary>
    [Theory]
    [InlineData(80)]
    [InlineData(85)]
    public void Inspect_CleanListingCrackedAndResaved_IsDerived(int quality)
    {
        using var drawn = ProductPhoto.Draw();
        var listingBytes = Scenes.Jpeg(drawn, 92);
        using var listing = ReferenceImage.Load(listingBytes, "listing.jpg");
        using var downloaded = Cv2.ImDecode(listingBytes, ImreadModes.Color);
        var (cracked, truth) = Forgery.Apply(downloaded, ForgeryKind.Crack, new Random(5), 0.02);
        using (cracked)
        using (truth)
        {
            var bytes = Scenes.Jpeg(cracked, quality);
            using var claim = ImageLoader.Load(bytes);
            using var report = DerivationInspector.Inspect(claim, [listing], JpegInfo.Read(bytes));
            output.WriteLine($"{report.Match}");

            Assert.NotNull(report.Finding);
            Assert.True(report.Match!.NoiseCorrelation >= Agreement.MinNoiseShare * report.Match.ExpectedNoiseCorrelation);
        }
    }

    private static ushort[] Table(ushort step) => Enumerable.Repeat(step, 64).ToArray();

    private static double StdDev(Mat m)
    {
        Cv2.MeanStdDev(m, out _, out var sd);
        return sd.Val0;
    }
}
