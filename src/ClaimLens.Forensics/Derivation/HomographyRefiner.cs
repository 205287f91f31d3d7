using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Sub-pixel refinement of a homography by inverse-compositional Gauss-Newton (Lucas-Kanade) with a
/// global gain and offset between the two pictures. The template's gradients and the Gauss-Newton matrix are
/// computed once (again only when outliers are dropped), so an iteration costs one warp and one pass of sums
/// (<see cref="GaussNewtonSums"/>); OpenCV's ECC recomputes both every iteration and cost 110-160 ms per call
/// at 400 px here, with a long tail on claims that do not converge.</summary>
internal static class HomographyRefiner
{
    private const int Parameters = GaussNewtonSums.Parameters;

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

        // Parameters act on normalised coordinates (centre 0, half the long side 1) so the matrix is well
        // conditioned: the template pixel map is N^-1 A(p) N.
        var s = Math.Max(width, height) / 2.0;
        var normalise = new[] { 1 / s, 0, -(width - 1) / 2.0 / s, 0, 1 / s, -(height - 1) / 2.0 / s, 0, 0, 1 };
        var denormalise = Projective.Invert(normalise)!;
        using var gx = new Mat();
        using var gy = new Mat();
        // Sobel's 3x3 derivative sums to 8x the central difference; s converts to normalised units.
        Cv2.Sobel(t, gx, MatType.CV_32FC1, 1, 0, 3, s / 8);
        Cv2.Sobel(t, gy, MatType.CV_32FC1, 0, 1, 3, s / 8);
        var sums = new GaussNewtonSums(t, gx, gy, ((width - 1) / 2.0, (height - 1) / 2.0, s));

        using var mask = Footprint(source.Size(), warp, template.Size(), sums.Width);
        if (Cv2.CountNonZero(mask) < MinPixels)
            return null;
        using var weight = new Mat();
        mask.ConvertTo(weight, MatType.CV_32FC1, 1 / 255.0);
        var normal = sums.Normal(weight);
        var current = (double[])warp.Clone();
        using var warped = new Mat(template.Size(), MatType.CV_32FC1);
        var gradient = new double[Parameters];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            // Cv2.WarpPerspective(Linear | WarpInverseMap, Replicate), bit for bit.
            PerspectiveWarp.Linear(source, current, warped, BorderTypes.Replicate);
            var projection = sums.Project(weight, warped);
            var photometric = Photometric(normal, projection);
            if (photometric is null)
                return null;
            if (iteration is RobustIteration or SecondRobustIteration)
            {
                // An edit (a painted crack, a stain) is not part of the reference: once the first step has
                // removed most of the misalignment, pixels far outside the error distribution stop voting.
                var (a, b) = photometric.Value;
                if (!Reweight(warped, t, (a, b), mask, weight))
                    return null;
                normal = sums.Normal(weight);
                projection = sums.Project(weight, warped);
                photometric = Photometric(normal, projection);
                if (photometric is null)
                    return null;
            }
            var (gain, offset) = photometric.Value;
            // Σ w sd_k ((I - b) / a - T), from sums that need no error image.
            for (var k = 0; k < Parameters; k++)
                gradient[k] = projection.SdI[k] / gain - offset / gain * normal.Sd[k] - normal.SdT[k];
            var step = Solve(normal.Hessian, gradient);
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

    /// <summary>Gain a and offset b of the input against the template (I = a T + b) over the weight; null when
    /// the template is flat or the input does not follow it.</summary>
    private static (double Gain, double Offset)? Photometric((double[] Hessian, double[] Sd, double[] SdT, double W, double WT, double WTT) normal,
        (double[] SdI, double WI, double WIT) projection)
    {
        var count = normal.W;
        if (count < MinPixels)
            return null;
        var meanT = normal.WT / count;
        var varT = normal.WTT / count - meanT * meanT;
        var meanI = projection.WI / count;
        var gain = (projection.WIT / count - meanI * meanT) / varT;
        if (!(varT > 1e-6) || !(Math.Abs(gain) > 1e-3))
            return null;
        return (gain, meanI - gain * meanT);
    }

    /// <summary>Sets the weight to the footprint pixels whose error (I - b) / a - T is within
    /// <see cref="OutlierMultiplier"/> robust deviations; false when too few pixels are left.</summary>
    private static unsafe bool Reweight(Mat warped, Mat t, (double Gain, double Offset) photometric, Mat footprint, Mat weight)
    {
        var height = t.Height;
        var width = t.Width;
        var gain = (float)(1 / photometric.Gain);
        var offset = (float)(-photometric.Offset / photometric.Gain);
        // Mean absolute error over the footprint, then again over the pixels within a generous bound of it (the
        // edit inflates the first), then the weight.
        var bound = float.PositiveInfinity;
        for (var pass = 0; pass < 2; pass++)
        {
            double sum = 0;
            long count = 0;
            for (var y = 0; y < height; y++)
            {
                var i = (float*)warped.Ptr(y);
                var tr = (float*)t.Ptr(y);
                var m = (byte*)footprint.Ptr(y);
                for (var x = 0; x < width; x++)
                {
                    var e = Math.Abs(i[x] * gain + offset - tr[x]);
                    if (m[x] != 0 && e < bound)
                    {
                        sum += e;
                        count++;
                    }
                }
            }
            if (count < MinPixels)
                return false;
            bound = (float)(OutlierMultiplier * sum / count);
        }
        long kept = 0;
        for (var y = 0; y < height; y++)
        {
            var i = (float*)warped.Ptr(y);
            var tr = (float*)t.Ptr(y);
            var m = (byte*)footprint.Ptr(y);
            var w = (float*)weight.Ptr(y);
            for (var x = 0; x < width; x++)
            {
                var inlier = m[x] != 0 && Math.Abs(i[x] * gain + offset - tr[x]) < bound;
                w[x] = inlier ? 1 : 0;
                kept += inlier ? 1 : 0;
            }
        }
        return kept >= MinPixels;
    }

    /// <summary>255 where the template pixel maps inside the input, at least <see cref="FootprintMargin"/>
    /// pixels from its edge.</summary>
    private static Mat Footprint(Size inputSize, double[] warp, Size templateSize, int summedWidth)
    {
        // The nearest warp of a white picture (Nearest | WarpInverseMap, constant 0 border), bit for bit.
        var mask = PerspectiveWarp.Footprint(inputSize, warp, templateSize);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * FootprintMargin + 1, 2 * FootprintMargin + 1));
        Cv2.Erode(mask, mask, kernel);
        // The template's own border: its gradients are one-sided there.
        Cv2.Rectangle(mask, new Rect(0, 0, templateSize.Width, templateSize.Height), Scalar.All(0), 2);
        if (summedWidth < templateSize.Width)
            Cv2.Rectangle(mask, new Rect(summedWidth, 0, templateSize.Width - summedWidth, templateSize.Height), Scalar.All(0), -1);
        return mask;
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
