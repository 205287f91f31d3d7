using ClaimLens.Forensics.Derivation;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class HomographyRefinerTests(ITestOutputHelper output)
{
    // The decision's local-shift test works at 0.3 px; the refinement must leave far less than that.
    private const double MaxResidual = 0.1;

    public static TheoryData<string> Perturbations() => ["shift", "rotation", "perspective", "scale"];

    [Theory]
    [MemberData(nameof(Perturbations))]
    public void Refine_PerturbedHomography_RecoversTheTrueOneWithinATenthOfAPixel(string perturbation)
    {
        using var scene = Scenes.Create(4, 640, 480);
        using var input = Luma(scene);
        // The claim is the scene seen through a known homography, with a gain, an offset and noise.
        var truth = new[] { 0.93, 0.06, 20, -0.05, 0.95, 18, 2e-5, -1e-5, 1 };
        using var template = Warp(input, truth, 0.9, 12, seed: 1);
        var start = Projective.Multiply(truth, Perturbation(perturbation));

        var refined = HomographyRefiner.Refine(template, input, start, 20, 0.001);

        Assert.NotNull(refined);
        var before = MaxDistance(start, truth, template.Width, template.Height);
        var after = MaxDistance(refined, truth, template.Width, template.Height);
        output.WriteLine($"{perturbation}: {before:F3} px -> {after:F4} px");
        Assert.True(before > 0.5, $"the perturbation moved the corners only {before:F3} px");
        Assert.True(after < MaxResidual, $"residual {after:F4} px after refinement (started at {before:F3} px)");
    }

    [Fact]
    public void Refine_PaintedEditOnFivePercentOfTheClaim_StillRecoversTheHomography()
    {
        using var scene = Scenes.Create(5, 640, 480);
        using var input = Luma(scene);
        var truth = new[] { 1.02, -0.03, -8, 0.03, 1.02, -6, 0, 0, 1 };
        using var template = Warp(input, truth, 1, 0, seed: 2);
        Cv2.Rectangle(template, new Rect(300, 200, 124, 124), Scalar.All(30), -1);
        var start = Projective.Multiply(truth, Perturbation("shift"));

        var refined = HomographyRefiner.Refine(template, input, start, 20, 0.001);

        Assert.NotNull(refined);
        var after = MaxDistance(refined, truth, template.Width, template.Height);
        output.WriteLine($"edited claim: residual {after:F4} px");
        Assert.True(after < MaxResidual, $"residual {after:F4} px");
    }

    [Fact]
    public void Refine_UniformPictures_ReturnsNullInsteadOfAGuess()
    {
        // Bad input tried: a flat grey claim and reference (no gradient, singular system).
        using var template = new Mat(240, 320, MatType.CV_32FC1, Scalar.All(128));
        using var input = new Mat(240, 320, MatType.CV_32FC1, Scalar.All(128));

        Assert.Null(HomographyRefiner.Refine(template, input, Projective.Identity, 10, 0.01));
    }

    [Fact]
    public void Refine_WarpOutsideTheReference_ReturnsNull()
    {
        // Bad input tried: a warp that maps the whole claim far outside the reference (empty footprint).
        using var scene = Scenes.Create(6, 320, 240);
        using var input = Luma(scene);
        using var template = input.Clone();
        double[] away = [1, 0, 5000, 0, 1, 5000, 0, 0, 1];

        Assert.Null(HomographyRefiner.Refine(template, input, away, 10, 0.01));
    }

    [Fact]
    public void Solve_KnownSystem_ReturnsItsSolution()
    {
        double[] matrix = [4, 1, 0, 1, 3, 1, 0, 1, 2];
        var x = HomographyRefiner.Solve(matrix, [5, 7.5, 8]);

        Assert.NotNull(x);
        Assert.Equal(1, x[0], 9);
        Assert.Equal(1, x[1], 9);
        Assert.Equal(3.5, x[2], 9);
        Assert.Null(HomographyRefiner.Solve([1, 2, 2, 4], [1, 2]));
    }

    // Template pixel -> input pixel, composed after the true warp.
    private static double[] Perturbation(string kind)
    {
        const double cx = 320;
        const double cy = 240;
        return kind switch
        {
            "shift" => [1, 0, 0.8, 0, 1, -0.6, 0, 0, 1],
            "rotation" => About(cx, cy, [Math.Cos(0.004), -Math.Sin(0.004), 0, Math.Sin(0.004), Math.Cos(0.004), 0, 0, 0, 1]),
            "scale" => About(cx, cy, [1.004, 0, 0, 0, 1.004, 0, 0, 0, 1]),
            _ => About(cx, cy, [1, 0, 0, 0, 1, 0, 4e-6, -3e-6, 1]),
        };
    }

    private static double[] About(double cx, double cy, double[] h) =>
        Projective.Multiply([1, 0, cx, 0, 1, cy, 0, 0, 1], Projective.Multiply(h, [1, 0, -cx, 0, 1, -cy, 0, 0, 1]));

    private static Mat Luma(Mat bgr)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        var f = new Mat();
        gray.ConvertTo(f, MatType.CV_32FC1);
        return f;
    }

    // The claim: template(x) = gain * input(warp(x)) + offset + noise.
    private static Mat Warp(Mat input, double[] warp, double gain, double offset, int seed)
    {
        using var m = Projective.ToMat(warp, MatType.CV_64FC1);
        var template = new Mat();
        Cv2.WarpPerspective(input, template, m, input.Size(), InterpolationFlags.Cubic | InterpolationFlags.WarpInverseMap, BorderTypes.Reflect);
        template.ConvertTo(template, MatType.CV_32FC1, gain, offset);
        var rng = new Random(seed);
        var noise = new float[template.Width * template.Height];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = (float)(2 * (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5));
        using var n = new Mat(template.Height, template.Width, MatType.CV_32FC1);
        System.Runtime.InteropServices.Marshal.Copy(noise, 0, n.Data, noise.Length);
        Cv2.Add(template, n, template);
        return template;
    }

    private static double MaxDistance(double[] a, double[] b, int width, int height)
    {
        double max = 0;
        foreach (var (x, y) in new[] { (0.0, 0.0), (width - 1.0, 0.0), (width - 1.0, height - 1.0), (0.0, height - 1.0), (width / 2.0, height / 2.0) })
        {
            var (ax, ay) = AlignedReference.Apply(a, x, y);
            var (bx, by) = AlignedReference.Apply(b, x, y);
            max = Math.Max(max, Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by)));
        }
        return max;
    }
}
