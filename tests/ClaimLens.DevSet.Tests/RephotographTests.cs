using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

public sealed class RephotographTests
{
    private static Mat Grey(Mat bgr)
    {
        var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        var f = new Mat();
        grey.ConvertTo(f, MatType.CV_32FC1);
        grey.Dispose();
        return f;
    }

    private static Mat Smooth(Mat bgr)
    {
        var grey = Grey(bgr);
        Cv2.GaussianBlur(grey, grey, new Size(0, 0), 2);
        return grey;
    }

    private static Mat HighPass(Mat bgr)
    {
        using var grey = Grey(bgr);
        using var low = new Mat();
        Cv2.GaussianBlur(grey, low, new Size(0, 0), 2);
        var high = new Mat();
        Cv2.Subtract(grey, low, high);
        return high;
    }

    /// <summary>Grey minus its 3x3 median: the fine residual a noise comparison reads.</summary>
    private static Mat MedianResidual(Mat bgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        using var median = new Mat();
        Cv2.MedianBlur(grey, median, 3);
        using var g = new Mat();
        using var m = new Mat();
        grey.ConvertTo(g, MatType.CV_32FC1);
        median.ConvertTo(m, MatType.CV_32FC1);
        var residual = new Mat();
        Cv2.Subtract(g, m, residual);
        return residual;
    }

    private static double Correlation(Mat a, Mat b)
    {
        Cv2.MeanStdDev(a, out var ma, out var sa);
        Cv2.MeanStdDev(b, out var mb, out var sb);
        using var ca = new Mat();
        using var cb = new Mat();
        Cv2.Subtract(a, ma, ca);
        Cv2.Subtract(b, mb, cb);
        return ca.Dot(cb) / (a.Rows * a.Cols) / (sa.Val0 * sb.Val0);
    }

    [Theory]
    [InlineData(RephotoStrength.Subtle)]
    [InlineData(RephotoStrength.Typical)]
    [InlineData(RephotoStrength.Strong)]
    public void Simulate_FlatScene_DiffersByNoiseEverywhere(RephotoStrength strength)
    {
        using var scene = TestImages.Flat();
        using var photo = Rephotograph.Simulate(scene, new Random(1), strength);
        Assert.Equal(scene.Size(), photo.Size());
        // Patches in the centre and near a corner: every part of the frame must carry new noise.
        foreach (var patch in new[] { new Rect(208, 148, 64, 64), new Rect(20, 20, 64, 64), new Rect(390, 270, 64, 64) })
        {
            using var a = Grey(new Mat(scene, patch));
            using var b = Grey(new Mat(photo, patch));
            using var diff = new Mat();
            Cv2.Subtract(b, a, diff);
            Cv2.MeanStdDev(diff, out _, out var std);
            Assert.True(std.Val0 > 1, $"{strength}: std of difference {std.Val0:F2} at {patch}");
            Assert.True(std.Val0 < 8, $"{strength}: noise {std.Val0:F2} is beyond a real camera's at {patch}");
        }
    }

    [Theory]
    [InlineData(RephotoStrength.Subtle)]
    [InlineData(RephotoStrength.Strong)]
    public void Simulate_TwoCalls_NoiseIsIndependent(RephotoStrength strength)
    {
        using var scene = TestImages.Flat();
        using var a = Rephotograph.Simulate(scene, new Random(1), strength);
        using var b = Rephotograph.Simulate(scene, new Random(2), strength);
        using var ha = HighPass(a);
        using var hb = HighPass(b);
        Assert.InRange(Correlation(ha, hb), -0.05, 0.05);
        Assert.True(Correlation(ha, ha) > 0.99);
    }

    [Fact]
    public void Simulate_Subtle_KeepsGeometryClose_StrongMovesMore()
    {
        using var scene = TestImages.Textured(31, 640, 480);
        using var subtle = Rephotograph.Simulate(scene, new Random(3), RephotoStrength.Subtle);
        using var strong = Rephotograph.Simulate(scene, new Random(3), RephotoStrength.Strong);
        // Low-passed: the scene's pixel-level texture is meant to be lost (new sensor), its layout is not.
        using var s = Smooth(scene);
        using var gs = Smooth(subtle);
        using var gst = Smooth(strong);
        var subtleCorr = Correlation(s, gs);
        var strongCorr = Correlation(s, gst);
        Assert.True(subtleCorr > 0.9, $"subtle correlation {subtleCorr:F3}");
        Assert.True(strongCorr < subtleCorr, $"strong {strongCorr:F3} vs subtle {subtleCorr:F3}");
    }

    [Fact]
    public void Simulate_SubtleOfGrainyReference_DoesNotInheritItsGrain()
    {
        // The reference's own sensor grain (seeded, blotchy as demosaicking and resizing leave it) is not part of
        // the scene: a new photograph must not carry it in the fine residual a noise comparison reads, at the
        // scale the detector reads (half size, like a 2048 px reference analysed at 1024 px).
        using var grainy = new Mat(480, 640, MatType.CV_8UC3);
        new RNG(11).Fill(grainy, DistributionType.Normal, Scalar.All(128), Scalar.All(12));
        // Demosaicking, noise reduction and down-sizing leave camera grain blotchy, a few pixels across.
        Cv2.GaussianBlur(grainy, grainy, new Size(0, 0), 1.2);
        using var photo = Rephotograph.Simulate(grainy, new Random(4), RephotoStrength.Subtle);
        using var halfRef = new Mat();
        using var halfPhoto = new Mat();
        Cv2.Resize(grainy, halfRef, new Size(320, 240), 0, 0, InterpolationFlags.Area);
        Cv2.Resize(photo, halfPhoto, new Size(320, 240), 0, 0, InterpolationFlags.Area);
        using var a = MedianResidual(halfRef);
        using var b = MedianResidual(halfPhoto);
        var correlation = Correlation(a, b);
        Assert.True(correlation < 0.15, $"grain correlation {correlation:F3}");
    }

    [Fact]
    public void Simulate_SameSeed_SameImage()
    {
        using var scene = TestImages.Textured(32);
        using var a = Rephotograph.Simulate(scene, new Random(5), RephotoStrength.Typical);
        using var b = Rephotograph.Simulate(scene, new Random(5), RephotoStrength.Typical);
        Assert.Equal(0, TestImages.MaxAbsDiff(a, b));
    }

    [Fact]
    public void Simulate_EmptyImage_Throws()
    {
        // Bad input tried: an empty Mat.
        using var empty = new Mat();
        Assert.Throws<ArgumentException>(() => Rephotograph.Simulate(empty, new Random(1), RephotoStrength.Subtle));
    }
}
