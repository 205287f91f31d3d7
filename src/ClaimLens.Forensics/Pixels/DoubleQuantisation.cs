using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>Looks for double-quantisation gaps in blockwise DCT histograms of the luminance, on the 8x8
/// grid of a JPEG decoded at full size. A coefficient quantised first by a coarse step q0 and then by a finer
/// step q1 can only take values near multiples of q0: when divided by q1, some integer bins stay empty.</summary>
internal static class DoubleQuantisation
{
    private const int Bins = 40;
    private const int MaxBlocks = 40_000;

    // Low-frequency AC coefficients (row = vertical frequency, col = horizontal): they carry the most
    // non-zero values, so their histograms are the best populated.
    private static readonly (int Row, int Col)[] Coefficients =
        [(0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (1, 2), (2, 1), (2, 2), (0, 3), (3, 0)];

    private static readonly float[,] Basis = BuildBasis();

    internal sealed record Result(bool Detected, double Score, int FlaggedCoefficients, int[] PrimarySteps, int? PrimaryQuality);

    /// <summary>Analyses an 8-bit BGR image decoded at scale 1 with the file's luminance table; null when the
    /// image is too small or the histograms are too thin to say anything.</summary>
    public static Result? Analyze(Mat bgr, ushort[] lumaTable)
    {
        if (bgr.Type() != MatType.CV_8UC3 || bgr.Width < 64 || bgr.Height < 64)
            return null;
        var view = new BgrView(bgr);
        var (ox, oy) = FindGrid(view, lumaTable);
        var hist = new int[Coefficients.Length, Bins + 1];
        var blocks = CollectHistograms(view, lumaTable, ox, oy, hist);
        if (blocks < 200)
            return null;

        var primary = new int[Coefficients.Length];
        var flagged = 0;
        double observed = 0, expected = 0;
        for (var c = 0; c < Coefficients.Length; c++)
        {
            var q1 = lumaTable[Coefficients[c].Row * 8 + Coefficients[c].Col];
            var best = BestPrimaryStep(hist, c, q1);
            if (best.Step > 0 && best.Score >= 0.6 && best.Z >= 4)
            {
                primary[c] = best.Step;
                flagged++;
                observed += best.Observed;
                expected += best.Expected;
            }
        }
        var score = expected > 0 ? 1 - observed / expected : 0;
        // Calibrated on single- vs double-compressed versions of the real photos: few coefficients with
        // shallow gaps also occur after resampling, so they need deeper gaps.
        var detected = (flagged >= 5 && score >= 0.6) || (flagged >= 3 && score >= 0.8);
        return new Result(detected, score, flagged, primary, detected ? FitQuality(primary) : null);
    }

    // For a step q0 > q1, bin k (value k*q1) is reachable only if some multiple m*q0 rounds to it. The empty
    // bins should hold about as much as the local average of the histogram; in a double-compressed image they
    // hold almost nothing. Returns the q0 whose predicted gaps are emptiest, measured as a z-score.
    private static (int Step, double Score, double Z, double Observed, double Expected) BestPrimaryStep(int[,] hist, int c, int q1)
    {
        var best = (Step: 0, Score: 0.0, Z: 0.0, Observed: 0.0, Expected: 0.0);
        if (q1 < 1)
            return best;
        var maxStep = Math.Min(255, q1 * Bins / 3);
        Span<bool> reachable = stackalloc bool[Bins + 1];
        for (var q0 = q1 + 1; q0 <= maxStep; q0++)
        {
            for (var k = 1; k <= Bins; k++)
                reachable[k] = Reachable(k, q0, q1);
            double observed = 0, expected = 0;
            for (var k = 2; k < Bins; k++)
            {
                if (reachable[k])
                    continue;
                var estimate = Interpolate(hist, c, reachable, k);
                // Thin tails say nothing either way.
                if (estimate < 3)
                    continue;
                observed += hist[c, k];
                expected += estimate;
            }
            if (expected < 30)
                continue;
            var z = (expected - observed) / Math.Sqrt(expected);
            if (z > best.Z)
                best = (q0, 1 - observed / expected, z, observed, expected);
        }
        return best;
    }

    // A single-compressed histogram decays roughly exponentially, so a gap bin is predicted by log-linear
    // interpolation between the nearest reachable bins on either side (a plain average would overshoot).
    private static double Interpolate(int[,] hist, int c, ReadOnlySpan<bool> reachable, int k)
    {
        var left = k - 1;
        while (left >= 1 && !reachable[left])
            left--;
        var right = k + 1;
        while (right <= Bins && !reachable[right])
            right++;
        if (left < 1 || right > Bins)
            return 0;
        var t = (double)(k - left) / (right - left);
        var logValue = (1 - t) * Math.Log(hist[c, left] + 1.0) + t * Math.Log(hist[c, right] + 1.0);
        return Math.Exp(logValue) - 1;
    }

    private static bool Reachable(int k, int q0, int q1)
    {
        var value = (double)k * q1;
        var m = Math.Round(value / q0);
        var distance = Math.Min(Math.Abs(value - m * q0), Math.Abs(value - (m + 1) * q0));
        // Half a step plus decoder rounding noise.
        return distance <= q1 / 2.0 + 0.5;
    }

    private static int? FitQuality(int[] primary)
    {
        var best = (Quality: 0, Error: double.MaxValue, Count: 0);
        for (var q = 10; q <= 100; q++)
        {
            var scale = q < 50 ? 5000 / q : 200 - 2 * q;
            double error = 0;
            var count = 0;
            for (var c = 0; c < Coefficients.Length; c++)
            {
                if (primary[c] == 0)
                    continue;
                var i = Coefficients[c].Row * 8 + Coefficients[c].Col;
                var step = Math.Clamp((Imaging.JpegInfo.StandardLuma[i] * scale + 50) / 100, 1, 255);
                error += Math.Abs(step - primary[c]) / (double)primary[c];
                count++;
            }
            if (count > 0 && error < best.Error)
                best = (q, error, count);
        }
        // A camera's own table is not an IJG table: then report no quality rather than a wrong one.
        return best.Count > 0 && best.Error / best.Count <= 0.12 ? best.Quality : null;
    }

    // The grid starts at the top-left unless the decoder rotated the picture (EXIF orientation): then it
    // starts at width % 8 or height % 8. The true grid is where coefficients sit closest to multiples of q.
    private static (int X, int Y) FindGrid(BgrView bgr, ushort[] lumaTable)
    {
        var best = (X: 0, Y: 0, Fit: double.MinValue);
        foreach (var ox in new[] { 0, bgr.Width % 8 }.Distinct())
        {
            foreach (var oy in new[] { 0, bgr.Height % 8 }.Distinct())
            {
                var fit = GridFit(bgr, lumaTable, ox, oy);
                if (fit > best.Fit)
                    best = (ox, oy, fit);
            }
        }
        return (best.X, best.Y);
    }

    private static double GridFit(BgrView bgr, ushort[] lumaTable, int ox, int oy)
    {
        double sum = 0;
        var count = 0;
        Span<float> coef = stackalloc float[Coefficients.Length];
        for (var by = oy; by + 8 <= bgr.Height && count < 20_000; by += 32)
        {
            for (var bx = ox; bx + 8 <= bgr.Width; bx += 24)
            {
                if (!Transform(bgr, bx, by, coef))
                    continue;
                for (var c = 0; c < Coefficients.Length; c++)
                {
                    var q = lumaTable[Coefficients[c].Row * 8 + Coefficients[c].Col];
                    if (q < 2 || Math.Abs(coef[c]) < q * 0.5)
                        continue;
                    sum += Math.Cos(2 * Math.PI * coef[c] / q);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static int CollectHistograms(BgrView bgr, ushort[] lumaTable, int ox, int oy, int[,] hist)
    {
        Span<float> coef = stackalloc float[Coefficients.Length];
        var blocks = 0;
        for (var by = oy; by + 8 <= bgr.Height && blocks < MaxBlocks; by += 8)
        {
            for (var bx = ox; bx + 8 <= bgr.Width; bx += 8)
            {
                if (!Transform(bgr, bx, by, coef))
                    continue;
                blocks++;
                for (var c = 0; c < Coefficients.Length; c++)
                {
                    var q = lumaTable[Coefficients[c].Row * 8 + Coefficients[c].Col];
                    var k = (int)Math.Round(Math.Abs(coef[c]) / Math.Max(1, (int)q));
                    if (k <= Bins)
                        hist[c, k]++;
                }
            }
        }
        return blocks;
    }

    // The JPEG forward DCT of one 8x8 luminance block, only for the coefficients we use. False when the
    // block touches clipped pixels, whose coefficients no longer sit on the quantisation lattice.
    private static unsafe bool Transform(BgrView bgr, int x0, int y0, Span<float> coef)
    {
        Span<float> rows = stackalloc float[8 * 4];
        for (var y = 0; y < 8; y++)
        {
            var p = bgr.Row(y0 + y) + x0 * 3;
            float r0 = 0, r1 = 0, r2 = 0, r3 = 0;
            for (var x = 0; x < 8; x++, p += 3)
            {
                int b = p[0], g = p[1], r = p[2];
                if (b is 0 or 255 || g is 0 or 255 || r is 0 or 255)
                    return false;
                var luma = 0.114f * b + 0.587f * g + 0.299f * r;
                r0 += luma * Basis[0, x];
                r1 += luma * Basis[1, x];
                r2 += luma * Basis[2, x];
                r3 += luma * Basis[3, x];
            }
            rows[y * 4] = r0;
            rows[y * 4 + 1] = r1;
            rows[y * 4 + 2] = r2;
            rows[y * 4 + 3] = r3;
        }
        for (var c = 0; c < Coefficients.Length; c++)
        {
            var (row, col) = Coefficients[c];
            float sum = 0;
            for (var y = 0; y < 8; y++)
                sum += rows[y * 4 + col] * Basis[row, y];
            coef[c] = sum;
        }
        return true;
    }

    // Orthonormal 8-point DCT-II basis, the JPEG convention: C(u)/2 * cos((2x+1) u pi / 16).
    private static float[,] BuildBasis()
    {
        var basis = new float[8, 8];
        for (var u = 0; u < 8; u++)
        {
            var cu = u == 0 ? Math.Sqrt(0.5) : 1.0;
            for (var x = 0; x < 8; x++)
                basis[u, x] = (float)(cu / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        }
        return basis;
    }
}
