using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class ShiftFieldTests : IClassFixture<DerivationInspectorTests.References>
{
    private readonly DerivationInspectorTests.References _refs;
    private readonly ITestOutputHelper _output;

    public ShiftFieldTests(DerivationInspectorTests.References refs, ITestOutputHelper output)
    {
        _refs = refs;
        _output = output;
    }

    [Fact]
    public void Fit_IncoherentNoise_FlatAndNotSignificant()
    {
        var rng = new Random(5);
        var field = ShiftField.Fit(Grid((_, _) => (0, 0), rng, noise: 0.05));
        _output.WriteLine($"rms {field.CurvedRms:F4} F {field.Significance:F2}");

        Assert.True(field.CurvedRms < Agreement.FlatFieldRms, $"noise-only field {field.CurvedRms}");
        Assert.True(field.Significance < Agreement.MinFieldSignificance, $"noise-only significance {field.Significance}");
    }

    [Fact]
    public void Fit_RadialDistortion_StructuredField()
    {
        // A lens 0.5 % stronger than the reference's: k r^2 (x, y), about 0.6 px at the corners.
        var rng = new Random(6);
        var field = ShiftField.Fit(Grid((x, y) => (0.3 * ((x * x) + (y * y)) * x, 0.3 * ((x * x) + (y * y)) * y), rng, noise: 0.05));
        _output.WriteLine($"rms {field.CurvedRms:F4} F {field.Significance:F2}");

        Assert.True(field.CurvedRms >= Agreement.MaxFieldRms, $"radial field {field.CurvedRms}");
        Assert.True(field.Significance > 20, $"radial significance {field.Significance}");
    }

    [Fact]
    public void Fit_HomographyError_AbsorbedAsProjective()
    {
        // A residual misregistration a homography can express (translation, shear, perspective) is the
        // alignment's, not a new lens: it must not count.
        var rng = new Random(7);
        var field = ShiftField.Fit(Grid((x, y) => (0.2 + (0.1 * x) - (0.05 * y) + (0.1 * ((0.3 * x) + (0.2 * y)) * x),
            -0.1 + (0.08 * y) + (0.1 * ((0.3 * x) + (0.2 * y)) * y)), rng, noise: 0.05));
        _output.WriteLine($"rms {field.CurvedRms:F4} F {field.Significance:F2}");

        Assert.True(field.CurvedRms < Agreement.FlatFieldRms, $"projective field {field.CurvedRms}");
    }

    [Fact]
    public void Fit_TooFewOrWeightlessBlocks_ReturnsNaN()
    {
        // Bad input tried: 10 blocks (too few to fit 20 parameters), and 400 blocks with zero weight.
        var few = ShiftField.Fit(Grid((_, _) => (1, 1), new Random(8), noise: 0.1).Take(10).ToList());
        var weightless = ShiftField.Fit(Grid((_, _) => (1, 1), new Random(9), noise: 0.1)
            .Select(b => b with { Wxx = 0, Wxy = 0, Wyy = 0 }).ToList());

        Assert.True(double.IsNaN(few.CurvedRms));
        Assert.False(weightless.CurvedRms >= Agreement.MaxFieldRms && weightless.Significance >= Agreement.MinFieldSignificance);
    }

    [Fact]
    public void Inspect_CopyOfReference_ResidualFieldFlat()
    {
        var bytes = Scenes.Jpeg(_refs.Source, 90);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));
        _output.WriteLine($"{report.Match} field {report.Match?.ShiftFieldRms:F4} F {report.Match?.ShiftFieldSignificance:F1}");

        Assert.NotNull(report.Match);
        Assert.True(report.Match.ShiftFieldRms < Agreement.FlatFieldRms, $"copy field {report.Match.ShiftFieldRms}");
        Assert.True(report.Match.Derived);
    }

    [Theory]
    [InlineData(0.004)]
    [InlineData(-0.006)]
    public void Inspect_SmoothlyDisplacedReference_FieldStructuredAndNotDerived(double k1)
    {
        // Everything of a copy (the reference's own pixels, noise and tone) except the geometry: seen through
        // a lens with a little radial distortion (about 1-2 px at the corners), as a new photograph is.
        using var displaced = Distort(_refs.Source, k1);
        var bytes = Scenes.Jpeg(displaced, 92);
        using var claim = ImageLoader.Load(bytes);
        using var report = DerivationInspector.Inspect(claim, _refs.All, JpegInfo.Read(bytes));
        _output.WriteLine($"{report.Match} field {report.Match?.ShiftFieldRms:F4} F {report.Match?.ShiftFieldSignificance:F1}");

        Assert.NotNull(report.Match);
        Assert.Equal("listing-1.jpg", report.Match.ReferenceName);
        Assert.True(report.Match.ShiftFieldRms >= Agreement.MaxFieldRms, $"displaced field {report.Match.ShiftFieldRms}");
        Assert.False(report.Match.Derived);
        Assert.Null(report.Finding);
    }

    /// <summary>Blocks on a 48x36 grid with unit weights (plus a little shear) and shifts from
    /// <paramref name="field"/> plus Gaussian noise of <paramref name="noise"/> px.</summary>
    private static List<BlockShift> Grid(Func<double, double, (double X, double Y)> field, Random rng, double noise)
    {
        var blocks = new List<BlockShift>();
        for (var j = 0; j < 36; j++)
        {
            for (var i = 0; i < 48; i++)
            {
                var x = ToneModel.Position(i, 48);
                var y = ToneModel.Position(j, 36);
                var (sx, sy) = field(x, y);
                blocks.Add(new BlockShift(x, y, sx + (noise * Gaussian(rng)), sy + (noise * Gaussian(rng)), 1, 0.2, 1));
            }
        }
        return blocks;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static Mat Distort(Mat source, double k1)
    {
        int w = source.Width, h = source.Height;
        double cx = w / 2.0, cy = h / 2.0, norm = Math.Sqrt((cx * cx) + (cy * cy));
        var xs = new float[w * h];
        var ys = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double dx = (x - cx) / norm, dy = (y - cy) / norm;
                var f = 1 + (k1 * ((dx * dx) + (dy * dy)));
                xs[(y * w) + x] = (float)(cx + (dx * f * norm));
                ys[(y * w) + x] = (float)(cy + (dy * f * norm));
            }
        }
        using var mapX = Mat.FromPixelData(h, w, MatType.CV_32FC1, xs);
        using var mapY = Mat.FromPixelData(h, w, MatType.CV_32FC1, ys);
        var result = new Mat();
        Cv2.Remap(source, result, mapX, mapY, InterpolationFlags.Cubic, BorderTypes.Reflect101);
        return result;
    }
}
