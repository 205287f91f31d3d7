using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Correlation of the fine noise residual of the claim with that of the aligned reference in
/// low-texture blocks. A derived copy carries the reference's own sensor noise (attenuated by resizing and
/// compression); a new photograph has independent noise, so only edges would correlate, and flat blocks have
/// none.</summary>
internal static class NoiseCorrelation
{
    // Residual RMS (grey levels) below which a flat block holds no measurable noise: a crushed copy abstains.
    internal const double MinResidualRms = 0.35;

    // Share of covered blocks, least textured first, that are measured.
    private const double FlatShare = 0.4;

    /// <summary>Below this JPEG quality the claim's quantisation wipes out the fine noise of flat areas (copies
    /// saved at 40-78 measured 0.1-0.4 of the expected correlation): the cue abstains.</summary>
    internal const int MinJpegQuality = 80;

    /// <summary>A claim reduced below this scale has averaged the reference's noise away, and what is left of
    /// its residual is the resampling method's (a synthetic 25 % copy measured 0.21 against 0.38 expected).</summary>
    internal const double MinScale = 0.6;

    private const int MinBlocks = 12;

    /// <summary>Whether the cue can speak for a claim with these JPEG tables (null: lossless) at this scale
    /// (claim analysis pixels per reference analysis pixel).</summary>
    public static bool Readable(Imaging.JpegInfo? claimJpeg, double scale) =>
        (claimJpeg is null || claimJpeg.Quality >= MinJpegQuality) && scale >= MinScale;

    private const double ResidualShare = 0.5;

    /// <summary>Median per-block correlation of the residuals over the flattest covered blocks (NaN when the
    /// claim or the reference has too little noise left in them to tell), and the correlation a copy would
    /// show given the claim's expected compression noise <paramref name="lumaNoise"/> (variance). The expectation is also bounded by a simulated copy: the
    /// reference quantised with the claim's tables (<paramref name="claimJpeg"/>, null when lossless) at
    /// <paramref name="downsampling"/> full-resolution claim pixels per analysis pixel, starting from an original
    /// within the reference's own quantisation (<paramref name="referenceJpeg"/> at <paramref name="referenceDownsampling"/>
    /// full-resolution reference pixels per analysis pixel).</summary>
    public static (double Correlation, double Expected) Measure(Mat claimPlanes, Mat referencePlanes, Mat valid, int blockSize, double lumaNoise,
        Imaging.JpegInfo? claimJpeg, double downsampling, Imaging.JpegInfo? referenceJpeg = null, double referenceDownsampling = 1)
    {
        if (claimPlanes.Width < blockSize || claimPlanes.Height < blockSize)
            return (double.NaN, double.NaN);
        var roi = new Rect(0, 0, claimPlanes.Width / blockSize * blockSize, claimPlanes.Height / blockSize * blockSize);
        using var claimRoi = new Mat(claimPlanes, roi);
        using var refRoi = new Mat(referencePlanes, roi);
        using var c = new Mat();
        using var r = new Mat();
        Cv2.ExtractChannel(claimRoi, c, 0);
        Cv2.ExtractChannel(refRoi, r, 0);
        return MeasureLuma(c, r, valid, blockSize, lumaNoise, claimJpeg, downsampling, referenceJpeg, referenceDownsampling);
    }

    /// <summary><see cref="Measure"/> from the luma planes over the whole blocks (from the origin) as the comparison
    /// has them split already (<see cref="ComparisonPlanes"/>): extracting them again cost ~1.5 ms.</summary>
    public static (double Correlation, double Expected) MeasureLuma(Mat c, Mat r, Mat valid, int blockSize, double lumaNoise,
        Imaging.JpegInfo? claimJpeg, double downsampling, Imaging.JpegInfo? referenceJpeg = null, double referenceDownsampling = 1)
    {
        var none = (double.NaN, double.NaN);
        var columns = c.Width / blockSize;
        var rows = c.Height / blockSize;
        if (columns == 0 || rows == 0)
            return none;
        var roi = new Rect(0, 0, columns * blockSize, rows * blockSize);
        var grid = new Size(columns, rows);
        var n = columns * rows;
        using var rc = Residual(c);
        using var rr = Residual(r);

        // Texture from the smoothed reference, so the noise itself does not rank the blocks.
        using var smooth = new Mat();
        Cv2.GaussianBlur(r, smooth, new Size(0, 0), 1.5);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(smooth, gx, MatType.CV_32FC1, 1, 0, 3, 0.125);
        Cv2.Sobel(smooth, gy, MatType.CV_32FC1, 0, 1, 3, 0.125);
        using var g2 = new Mat();
        Cv2.Magnitude(gx, gy, g2);
        var texture = BlockMean(g2, grid, n);
        using var validF = new Mat();
        using var validRoi = new Mat(valid, roi);
        validRoi.ConvertTo(validF, MatType.CV_32FC1, 1 / 255.0);
        var coverage = BlockMean(validF, grid, n);
        var level = BlockMean(smooth, grid, n);

        using var pcc = new Mat();
        using var pcr = new Mat();
        using var prr = new Mat();
        Cv2.Multiply(rc, rc, pcc);
        Cv2.Multiply(rc, rr, pcr);
        Cv2.Multiply(rr, rr, prr);
        var scc = BlockMean(pcc, grid, n);
        var scr = BlockMean(pcr, grid, n);
        var srr = BlockMean(prr, grid, n);

        var candidates = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            // Clipped blacks and whites have no noise in either picture.
            if (coverage[i] > 0.999 && level[i] is > 12 and < 243)
                candidates.Add(i);
        }
        if (candidates.Count < MinBlocks)
            return none;
        candidates.Sort((a, b) => texture[a].CompareTo(texture[b]));
        var take = Math.Max(MinBlocks, (int)(candidates.Count * FlatShare));
        var flat = candidates.Take(take).ToList();
        var claimRms = Median(flat.Select(i => Math.Sqrt(scc[i])));
        var refRms = Median(flat.Select(i => Math.Sqrt(srr[i])));
        if (claimRms < MinResidualRms || refRms < MinResidualRms)
            return none;
        var correlations = flat.Select(i => scr[i] / Math.Sqrt(Math.Max(1e-9, scc[i] * srr[i])));
        // The 3x3-median residual keeps about half of white noise's variance.
        var refVariance = refRms * refRms;
        var modelled = Math.Sqrt(refVariance / (refVariance + ResidualShare * Math.Max(0, lumaNoise)));
        // A copy's residual is the reference's (at most) plus compression noise, so its correlation cannot
        // exceed the RMS ratio; heavy compression (steps beyond the noise model's cap) shows up here.
        var expected = Math.Min(modelled, Math.Min(1, refRms / claimRms));
        var correlation = Median(correlations);
        // The simulation can only lower the expectation, so it is paid for (~10 ms) only where the cue would veto.
        if (claimJpeg is not null && correlation < Agreement.MinNoiseShare * expected)
            expected = Math.Min(expected, SimulatedCopy(r, rr, srr, flat, columns, blockSize, grid, n, claimJpeg, downsampling, referenceJpeg, referenceDownsampling));
        return (correlation, expected);
    }

    // The correlation the reference's residual keeps through the claim's quantisation (see RequantisedCopy): the
    // additive model above cannot see a weak residual zeroed outright. referenceSquares: the residual's block mean
    // squares, as Measure has them already.
    private static double SimulatedCopy(Mat reference, Mat referenceResidual, double[] referenceSquares, List<int> flat, int columns, int blockSize, Size grid, int n,
        Imaging.JpegInfo claimJpeg, double downsampling, Imaging.JpegInfo? referenceJpeg, double referenceDownsampling)
    {
        using var simulated = RequantisedCopy.Simulate(reference, flat, columns, blockSize, claimJpeg.LumaTable, downsampling,
            referenceJpeg?.LumaTable, referenceDownsampling);
        using var rs = Residual(simulated);
        using var pss = new Mat();
        using var psr = new Mat();
        Cv2.Multiply(rs, rs, pss);
        Cv2.Multiply(rs, referenceResidual, psr);
        var sss = BlockMean(pss, grid, n);
        var ssr = BlockMean(psr, grid, n);
        return Median(flat.Select(i => ssr[i] / Math.Sqrt(Math.Max(1e-9, sss[i] * referenceSquares[i]))));
    }

    // Image minus a 3x3 median (float, so analysis down-sampling keeps its fractions): the median keeps
    // edges, so the residual is mostly noise.
    private static Mat Residual(Mat plane)
    {
        using var median = new Mat();
        Cv2.MedianBlur(plane, median, 3);
        var residual = new Mat();
        Cv2.Subtract(plane, median, residual);
        return residual;
    }

    private static double[] BlockMean(Mat plane, Size grid, int n)
    {
        using var mean = new Mat();
        Cv2.Resize(plane, mean, grid, 0, 0, InterpolationFlags.Area);
        var buffer = new float[n];
        Marshal.Copy(mean.Data, buffer, 0, n);
        return Array.ConvertAll(buffer, v => (double)v);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
