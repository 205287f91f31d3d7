using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Sub-pixel refinement of a homography by inverse-compositional Gauss-Newton (Lucas-Kanade) with a
/// global gain and offset between the two pictures. The template's gradients and the Gauss-Newton matrix are
/// computed once, so an iteration costs one warp and nine dot products; OpenCV's ECC recomputes both every
/// iteration and cost 110-160 ms per call at 400 px here (long tail on claims that do not converge).</summary>
internal static class HomographyRefiner
{
    private const int Parameters = 8;

    // Pixels this close to the edge of the reference's footprint may leave it while the warp moves.
    private const int FootprintMargin = 4;

    // Gradients are taken on a lightly smoothed picture: it widens the basin of convergence and keeps the
    // claim's JPEG blocking out of the Gauss-Newton matrix.
    private const double Smoothing = 0.8;

    // Steps before which outliers are dropped: after the first step has removed most of the feature fit's
    // error, and again once the warp has settled (edges misaligned at the first pass are let back in).
    private const int RobustIteration = 1;
    private const int SecondRobustIteration = 3;

    // Mean absolute errors: 6 of them is about 4.8 standard deviations of Gaussian noise.
    private const double OutlierMultiplier = 6;

    private const int MinPixels = 256;

    /// <summary>Refines <paramref name="warp"/>, which maps template pixel coordinates to input pixel
    /// coordinates. Returns null when the problem is degenerate (too few textured pixels, singular system, the
    /// warp leaves the input) so the caller keeps the warp it had.</summary>
    /// <param name="template">CV_32FC1, the claim at the working level.</param>
    /// <param name="input">CV_32FC1, the reference at a similar scale.</param>
    /// <param name="warp">Row-major 3x3, template to input.</param>
    /// <param name="iterations">Most Gauss-Newton steps.</param>
    /// <param name="tolerance">Stop when a step moves no template corner further than this (pixels).</param>
    public static double[]? Refine(Mat template, Mat input, double[] warp, int iterations, double tolerance)
    {
        var width = template.Width;
        var height = template.Height;
        if (width < 16 || height < 16 || input.Width < 16 || input.Height < 16)
            return null;
        using var t = new Mat();
        Cv2.GaussianBlur(template, t, new Size(0, 0), Smoothing);
        using var source = new Mat();
        Cv2.GaussianBlur(input, source, new Size(0, 0), Smoothing);

        using var mask = Footprint(source.Size(), warp, template.Size());
        if (Cv2.CountNonZero(mask) < MinPixels)
            return null;
        using var weight = new Mat();
        mask.ConvertTo(weight, MatType.CV_32FC1, 1 / 255.0);

        // Parameters act on normalised coordinates (centre 0, half the long side 1) so the matrix is well
        // conditioned: the template pixel map is N^-1 A(p) N.
        var s = Math.Max(width, height) / 2.0;
        var normalise = new[] { 1 / s, 0, -(width - 1) / 2.0 / s, 0, 1 / s, -(height - 1) / 2.0 / s, 0, 0, 1 };
        var denormalise = Projective.Invert(normalise)!;
        var steepest = SteepestDescent(t, weight, s);
        try
        {
            var system = Normal(steepest, t, weight);
            if (system is null)
                return null;
            var current = (double[])warp.Clone();
            using var warped = new Mat();
            using var warpedMasked = new Mat();
            using var error = new Mat();
            var gradient = new double[Parameters];
            for (var iteration = 0; iteration < iterations; iteration++)
            {
                var (hessian, count, meanT, varT) = system.Value;
                using (var m = Projective.ToMat(current, MatType.CV_64FC1))
                    Cv2.WarpPerspective(source, warped, m, template.Size(), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
                // Global gain and offset: the reference explained as a T + b over the footprint.
                Cv2.Multiply(warped, weight, warpedMasked);
                var meanI = Cv2.Sum(warpedMasked).Val0 / count;
                var gain = (warpedMasked.Dot(t) / count - meanI * meanT) / varT;
                if (!(Math.Abs(gain) > 1e-3))
                    return null;
                // Error in the template's units: (I(W(x)) - b) / a - T(x).
                warped.ConvertTo(error, MatType.CV_32FC1, 1 / gain, -(meanI - gain * meanT) / gain);
                Cv2.Subtract(error, t, error);
                if (iteration is RobustIteration or SecondRobustIteration)
                {
                    // An edit (a painted crack, a stain) is not part of the reference: once the first step has
                    // removed most of the misalignment, pixels far outside the error distribution stop voting.
                    if (!Reweight(error, mask, weight))
                        return null;
                    foreach (var m in steepest)
                        m.Dispose();
                    steepest = SteepestDescent(t, weight, s);
                    system = Normal(steepest, t, weight);
                    if (system is null)
                        return null;
                    hessian = system.Value.Hessian;
                }
                for (var k = 0; k < Parameters; k++)
                    gradient[k] = steepest[k].Dot(error);
                var step = Solve(hessian, gradient);
                if (step is null)
                    return null;
                // W <- W o W(step)^-1, the update expressed in template pixels.
                var update = new[] { 1 + step[0], step[1], step[2], step[3], 1 + step[4], step[5], step[6], step[7], 1 };
                var inverse = Projective.Invert(Projective.Multiply(denormalise, Projective.Multiply(update, normalise)));
                if (inverse is null)
                    return null;
                current = Projective.Normalized(Projective.Multiply(current, inverse));
                if (current.Any(v => !double.IsFinite(v)))
                    return null;
                if (iteration >= RobustIteration && CornerMotion(inverse, width, height) < tolerance)
                    break;
            }
            return current;
        }
        finally
        {
            foreach (var m in steepest)
                m.Dispose();
        }
    }

    /// <summary>The Gauss-Newton matrix and the template's weighted mean and variance; null when the
    /// template is flat over the footprint.</summary>
    private static (double[] Hessian, double Count, double MeanT, double VarT)? Normal(Mat[] steepest, Mat t, Mat weight)
    {
        var hessian = new double[Parameters * Parameters];
        for (var a = 0; a < Parameters; a++)
        {
            for (var b = a; b < Parameters; b++)
                hessian[a * Parameters + b] = hessian[b * Parameters + a] = steepest[a].Dot(steepest[b]);
        }
        var count = Cv2.Sum(weight).Val0;
        using var tMasked = new Mat();
        Cv2.Multiply(t, weight, tMasked);
        var meanT = Cv2.Sum(tMasked).Val0 / count;
        var varT = tMasked.Dot(t) / count - meanT * meanT;
        return count >= MinPixels && varT > 1e-6 ? (hessian, count, meanT, varT) : null;
    }

    /// <summary>Sets the weight to the footprint pixels whose error is within <see cref="OutlierMultiplier"/>
    /// robust deviations; false when too few pixels are left.</summary>
    private static bool Reweight(Mat error, Mat footprint, Mat weight)
    {
        using var magnitude = new Mat();
        Cv2.Absdiff(error, Scalar.All(0), magnitude);
        // Mean absolute error, then again over the pixels within a generous bound: the edit inflates the first.
        var spread = Cv2.Mean(magnitude, footprint).Val0;
        using var inliers = new Mat();
        Cv2.Compare(magnitude, Scalar.All(OutlierMultiplier * spread), inliers, CmpTypes.LT);
        Cv2.BitwiseAnd(inliers, footprint, inliers);
        if (Cv2.CountNonZero(inliers) < MinPixels)
            return false;
        spread = Cv2.Mean(magnitude, inliers).Val0;
        Cv2.Compare(magnitude, Scalar.All(OutlierMultiplier * spread), inliers, CmpTypes.LT);
        Cv2.BitwiseAnd(inliers, footprint, inliers);
        if (Cv2.CountNonZero(inliers) < MinPixels)
            return false;
        inliers.ConvertTo(weight, MatType.CV_32FC1, 1 / 255.0);
        return true;
    }

    /// <summary>255 where the template pixel maps inside the input, at least <see cref="FootprintMargin"/>
    /// pixels from its edge.</summary>
    private static Mat Footprint(Size inputSize, double[] warp, Size templateSize)
    {
        using var ones = new Mat(inputSize, MatType.CV_8UC1, Scalar.All(255));
        var mask = new Mat();
        using (var m = Projective.ToMat(warp, MatType.CV_64FC1))
            Cv2.WarpPerspective(ones, mask, m, templateSize, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * FootprintMargin + 1, 2 * FootprintMargin + 1));
        Cv2.Erode(mask, mask, kernel);
        // The template's own border: its gradients are one-sided there.
        Cv2.Rectangle(mask, new Rect(0, 0, templateSize.Width, templateSize.Height), Scalar.All(0), 2);
        return mask;
    }

    /// <summary>The eight steepest-descent images ∇T ∂W/∂p at p = 0, zero outside the footprint.</summary>
    private static Mat[] SteepestDescent(Mat t, Mat weight, double s)
    {
        var width = t.Width;
        var height = t.Height;
        using var gx = new Mat();
        using var gy = new Mat();
        // Sobel's 3x3 derivative sums to 8x the central difference; s converts to normalised units.
        Cv2.Sobel(t, gx, MatType.CV_32FC1, 1, 0, 3, s / 8);
        Cv2.Sobel(t, gy, MatType.CV_32FC1, 0, 1, 3, s / 8);
        Cv2.Multiply(gx, weight, gx);
        Cv2.Multiply(gy, weight, gy);
        using var x = Coordinate(width, height, horizontal: true, s);
        using var y = Coordinate(width, height, horizontal: false, s);
        var sd = new Mat[Parameters];
        for (var k = 0; k < Parameters; k++)
            sd[k] = new Mat();
        Cv2.Multiply(gx, x, sd[0]);
        Cv2.Multiply(gx, y, sd[1]);
        gx.CopyTo(sd[2]);
        Cv2.Multiply(gy, x, sd[3]);
        Cv2.Multiply(gy, y, sd[4]);
        gy.CopyTo(sd[5]);
        // Projective terms: -(gx x + gy y) x and -(gx x + gy y) y.
        using var radial = new Mat();
        Cv2.Add(sd[0], sd[4], radial);
        Cv2.Multiply(radial, x, sd[6], -1);
        Cv2.Multiply(radial, y, sd[7], -1);
        return sd;
    }

    private static Mat Coordinate(int width, int height, bool horizontal, double s)
    {
        var length = horizontal ? width : height;
        var values = new float[length];
        for (var i = 0; i < length; i++)
            values[i] = (float)((i - (length - 1) / 2.0) / s);
        using var line = horizontal ? new Mat(1, length, MatType.CV_32FC1) : new Mat(length, 1, MatType.CV_32FC1);
        System.Runtime.InteropServices.Marshal.Copy(values, 0, line.Data, length);
        var map = new Mat();
        Cv2.Repeat(line, horizontal ? height : 1, horizontal ? 1 : width, map);
        return map;
    }

    /// <summary>Solves the symmetric system by Gaussian elimination with partial pivoting; null when singular.</summary>
    internal static double[]? Solve(double[] matrix, double[] rhs)
    {
        var n = rhs.Length;
        var a = (double[])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row * n + col]) > Math.Abs(a[pivot * n + col]))
                    pivot = row;
            }
            if (!(Math.Abs(a[pivot * n + col]) > 1e-12))
                return null;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                    (a[col * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[col * n + k]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (var row = col + 1; row < n; row++)
            {
                var f = a[row * n + col] / a[col * n + col];
                for (var k = col; k < n; k++)
                    a[row * n + k] -= f * a[col * n + k];
                b[row] -= f * b[col];
            }
        }
        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
                sum -= a[row * n + k] * x[k];
            x[row] = sum / a[row * n + row];
        }
        return x;
    }

    private static double CornerMotion(double[] h, int width, int height)
    {
        double max = 0;
        foreach (var (x, y) in new[] { (0.0, 0.0), (width - 1.0, 0.0), (width - 1.0, height - 1.0), (0.0, height - 1.0) })
        {
            var (u, v) = AlignedReference.Apply(h, x, y);
            max = Math.Max(max, Math.Sqrt((u - x) * (u - x) + (v - y) * (v - y)));
        }
        return double.IsFinite(max) ? max : double.MaxValue;
    }
}
