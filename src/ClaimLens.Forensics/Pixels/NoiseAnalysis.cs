using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>Finds regions whose sensor noise does not match the rest of the photo: a painted, blurred or
/// inpainted patch is much smoother than the camera noise around it; a pasted patch may be much noisier.</summary>
internal static class NoiseAnalysis
{
    private const int Window = 32;
    private const int Stride = 16;
    // Calibrated on the real photos and on painted/blurred/inpainted copies of them: genuine photos show
    // patches down to about 0.25 of their typical noise (denoised flat areas) and fine regular texture
    // (roofs, fabric) up to about 7 times it.
    private const double CandidateLowRatio = 0.3;
    private const double LowRatio = 0.2;
    private const double VeryLowRatio = 0.1;
    private const double HighRatio = 8;
    private const int MinRegionCells = 6;
    private const int MinHighRegionCells = 10;
    // This many separate smooth patches mean the camera smooths flat areas itself.
    private const int ManyLowRegions = 4;
    // Below this median residual (the kernel's median response is about 4 sigma, so a quarter of a grey
    // level of noise) the photo is too clean for a smoother patch to stand out.
    private const double MinReferenceResidual = 1.0;

    internal sealed record Result(Finding? Finding, Mat? Heat);

    internal readonly record struct Cell(bool Valid, double Residual);

    /// <summary>Returns the finding (or null) and, when there is one, a heat map at working resolution.</summary>
    public static Result Analyze(Mat bgr, double scale)
    {
        if (bgr.Width < 3 * Window || bgr.Height < 3 * Window)
            return new Result(null, null);
        using var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        using var residual = Residual(gray);
        using var texture = Texture(gray);
        var textureLimit = Percentile(texture, 0.35);

        var cols = (gray.Width - Window) / Stride + 1;
        var rows = (gray.Height - Window) / Stride + 1;
        var cells = MeasureCells(gray, residual, texture, textureLimit, cols, rows);
        var reference = ReferenceResidual(cells);
        if (reference < MinReferenceResidual)
            return new Result(null, null);

        var ratios = new double[rows, cols];
        var valid = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var cell = cells[r, c];
                ratios[r, c] = cell.Valid ? Math.Max(cell.Residual, 0.2) / reference : 1;
                if (cell.Valid)
                    valid++;
            }
        }
        var regions = Select(FindRegions(ratios, rows, cols, valid));
        if (regions.Count == 0)
            return new Result(null, null);

        var heat = HeatMap(ratios, regions, rows, cols, gray.Size());
        return new Result(BuildFinding(regions, reference, scale), heat);
    }

    // Second-difference (Immerkaer) kernel: zero on planes and linear ramps, so what remains is mostly noise.
    private static Mat Residual(Mat gray)
    {
        using var kernel = Mat.FromPixelData(3, 3, MatType.CV_32F, new float[] { 1, -2, 1, -2, 4, -2, 1, -2, 1 });
        using var signed = new Mat();
        Cv2.Filter2D(gray, signed, MatType.CV_16S, kernel, borderType: BorderTypes.Reflect101);
        var magnitude = new Mat();
        Cv2.ConvertScaleAbs(signed, magnitude);
        return magnitude;
    }

    // Gradient of a blurred copy: large on edges and texture, barely moved by noise.
    private static Mat Texture(Mat gray)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(gray, blurred, new Size(3, 3), 0.8);
        using var dx = new Mat();
        using var dy = new Mat();
        Cv2.Sobel(blurred, dx, MatType.CV_16S, 1, 0);
        Cv2.Sobel(blurred, dy, MatType.CV_16S, 0, 1);
        using var ax = new Mat();
        using var ay = new Mat();
        Cv2.ConvertScaleAbs(dx, ax);
        Cv2.ConvertScaleAbs(dy, ay);
        var texture = new Mat();
        Cv2.AddWeighted(ax, 0.5, ay, 0.5, 0, texture);
        return texture;
    }

    private static unsafe int Percentile(Mat image8u, double fraction)
    {
        var counts = new long[256];
        var view = new GrayView(image8u);
        for (var y = 0; y < view.Height; y += 2)
        {
            var row = view.Row(y);
            for (var x = 0; x < view.Width; x += 2)
                counts[row[x]]++;
        }
        long total = 0;
        foreach (var n in counts)
            total += n;
        long cumulative = 0;
        for (var v = 0; v < 256; v++)
        {
            cumulative += counts[v];
            if (cumulative >= total * fraction)
                return Math.Max(v, 2);
        }
        return 255;
    }

    // Per overlapping window: the median residual over low-texture, unclipped pixels. Textured windows, and
    // very dark or bright ones (clipped, or noise squeezed by the tone curve), are left out.
    internal static unsafe Cell[,] MeasureCells(Mat gray, Mat residual, Mat texture, int textureLimit, int cols, int rows)
    {
        // A window is four Stride x Stride tiles (Window = 2 Stride), so each pixel goes once into its tile's
        // histogram and a window adds four tiles' (pixel by pixel, every pixel was counted four times). Per tile:
        // 256 residual bins, then one bin for the pixels left out; tile rows are kept two at a time.
        const int Bins = 257;
        var tileCols = cols + 1;
        var histograms = new[] { new int[tileCols * Bins], new int[tileCols * Bins] };
        var sums = new[] { new long[tileCols], new long[tileCols] };
        var cells = new Cell[rows, cols];
        var g = new GrayView(gray);
        var res = new GrayView(residual);
        var tex = new GrayView(texture);
        Span<int> window = stackalloc int[256];
        FillTileRow(0, histograms[0], sums[0]);
        for (var r = 0; r < rows; r++)
        {
            FillTileRow(r + 1, histograms[(r + 1) & 1], sums[(r + 1) & 1]);
            var top = histograms[r & 1].AsSpan();
            var bottom = histograms[(r + 1) & 1].AsSpan();
            var (topSums, bottomSums) = (sums[r & 1], sums[(r + 1) & 1]);
            for (var c = 0; c < cols; c++)
            {
                var a = top.Slice(c * Bins, 2 * Bins);
                var b = bottom.Slice(c * Bins, 2 * Bins);
                for (var v = 0; v < 256; v += Vector256<int>.Count)
                {
                    (Vector256.Create(a.Slice(v, Vector256<int>.Count)) + Vector256.Create(a.Slice(Bins + v, Vector256<int>.Count))
                        + Vector256.Create(b.Slice(v, Vector256<int>.Count)) + Vector256.Create(b.Slice(Bins + v, Vector256<int>.Count)))
                        .CopyTo(window.Slice(v, Vector256<int>.Count));
                }
                var used = Window * Window - (a[256] + a[Bins + 256] + b[256] + b[Bins + 256]);
                var sum = topSums[c] + topSums[c + 1] + bottomSums[c] + bottomSums[c + 1];
                var mean = sum / (double)(Window * Window);
                var valid = used >= Window * Window / 5 && mean is >= 24 and <= 232;
                cells[r, c] = new Cell(valid, valid ? Median(window, used) : 0);
            }
        }
        return cells;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void FillTileRow(int tileRow, int[] histogram, long[] sum)
        {
            Array.Clear(histogram);
            Array.Clear(sum);
            for (var y = tileRow * Stride; y < (tileRow + 1) * Stride; y++)
            {
                byte* gRow = g.Row(y), rRow = res.Row(y), tRow = tex.Row(y);
                for (var t = 0; t < tileCols; t++)
                {
                    long tileSum = 0;
                    var bins = histogram.AsSpan(t * Bins, Bins);
                    for (var x = t * Stride; x < (t + 1) * Stride; x++)
                    {
                        var v = gRow[x];
                        tileSum += v;
                        // Unclipped (8..247) and untextured; the others go to the last bin, without a branch.
                        var kept = ((uint)(v - 8) <= 239u) & (tRow[x] <= textureLimit);
                        bins[kept ? rRow[x] : 256]++;
                    }
                    sum[t] += tileSum;
                }
            }
        }
    }

    private static double Median(ReadOnlySpan<int> histogram, int count)
    {
        var half = count / 2.0;
        var cumulative = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            if (histogram[v] == 0)
                continue;
            if (cumulative + histogram[v] >= half)
                return v + (half - cumulative) / histogram[v] - 0.5;
            cumulative += histogram[v];
        }
        return histogram.Length - 1;
    }

    private static double ReferenceResidual(Cell[,] cells)
    {
        var values = new List<double>();
        foreach (var cell in cells)
        {
            if (cell.Valid)
                values.Add(cell.Residual);
        }
        if (values.Count < 12)
            return 0;
        values.Sort();
        return values[values.Count / 2];
    }

    private static List<(Rect Cells, double Ratio)> Select(List<(Rect Cells, double Ratio, int Area)> candidates)
    {
        var lowCount = candidates.Count(c => c.Ratio < 1);
        var lowLimit = lowCount >= ManyLowRegions ? VeryLowRatio : LowRatio;
        return candidates
            .Where(c => c.Ratio < 1 ? c.Ratio <= lowLimit : c.Ratio >= HighRatio && c.Area >= MinHighRegionCells)
            .Select(c => (c.Cells, c.Ratio))
            .ToList();
    }

    private static List<(Rect Cells, double Ratio, int Area)> FindRegions(double[,] ratios, int rows, int cols, int valid)
    {
        var regions = new List<(Rect, double, int)>();
        foreach (var low in new[] { true, false })
        {
            using var mask = new Mat(rows, cols, MatType.CV_8UC1, Scalar.Black);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    if (low ? ratios[r, c] <= CandidateLowRatio : ratios[r, c] >= HighRatio)
                        mask.Set(r, c, (byte)255);
                }
            }
            using var labels = new Mat();
            using var stats = new Mat();
            using var centroids = new Mat();
            var count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8);
            for (var label = 1; label < count; label++)
            {
                var area = stats.Get<int>(label, (int)ConnectedComponentsTypes.Area);
                // A region covering much of the photo is the photo's own character (a clean sky, a noisy
                // shadow), not an inserted patch.
                if (area < MinRegionCells || area > valid * 0.3)
                    continue;
                var box = new Rect(stats.Get<int>(label, 0), stats.Get<int>(label, 1), stats.Get<int>(label, 2), stats.Get<int>(label, 3));
                var ratio = RegionRatio(ratios, labels, label, box, low);
                regions.Add((box, ratio, area));
            }
        }
        return regions;
    }

    private static double RegionRatio(double[,] ratios, Mat labels, int label, Rect box, bool low)
    {
        var values = new List<double>();
        for (var r = box.Top; r < box.Bottom; r++)
        {
            for (var c = box.Left; c < box.Right; c++)
            {
                if (labels.Get<int>(r, c) == label)
                    values.Add(ratios[r, c]);
            }
        }
        values.Sort();
        var median = values[values.Count / 2];
        return low ? Math.Min(median, 1) : Math.Max(median, 1);
    }

    private static Rect CellsToPixels(Rect cells) =>
        new(cells.X * Stride, cells.Y * Stride, (cells.Width - 1) * Stride + Window, (cells.Height - 1) * Stride + Window);

    // 0 outside the reported regions; inside, 128..255 by how far the window's noise is from the photo's.
    private static Mat HeatMap(double[,] ratios, List<(Rect Cells, double Ratio)> regions, int rows, int cols, Size size)
    {
        using var grid = new Mat(rows, cols, MatType.CV_8UC1, Scalar.Black);
        foreach (var (cells, _) in regions)
        {
            for (var r = cells.Top; r < cells.Bottom; r++)
            {
                for (var c = cells.Left; c < cells.Right; c++)
                {
                    var distance = Math.Abs(Math.Log2(ratios[r, c])) + Math.Log2(CandidateLowRatio);
                    if (distance < 0)
                        continue;
                    grid.Set(r, c, (byte)Math.Clamp(128 + 64 * distance, 128, 255));
                }
            }
        }
        var heat = new Mat(size, MatType.CV_8UC1, Scalar.Black);
        var covered = new Rect(Window / 2 - Stride / 2, Window / 2 - Stride / 2, cols * Stride, rows * Stride) & new Rect(0, 0, size.Width, size.Height);
        using var scaled = new Mat();
        Cv2.Resize(grid, scaled, new Size(cols * Stride, rows * Stride), 0, 0, InterpolationFlags.Nearest);
        using var target = new Mat(heat, covered);
        using var source = new Mat(scaled, new Rect(0, 0, covered.Width, covered.Height));
        source.CopyTo(target);
        return heat;
    }

    private static Finding BuildFinding(List<(Rect Cells, double Ratio)> regions, double reference, double scale)
    {
        var strongest = regions.Max(r => Math.Abs(Math.Log2(r.Ratio)));
        var score = Math.Round(Math.Clamp((strongest + Math.Log2(LowRatio)) / 2 + 0.2, 0, 1), 3);
        var anySmoother = regions.Any(r => r.Ratio < 1);
        var details = new JsonObject
        {
            ["regions"] = RegionBoxes.ToFullResolution(regions.Select(r => CellsToPixels(r.Cells)), scale),
            ["noiseRatios"] = new JsonArray(regions.Select(r => (JsonNode?)Math.Round(r.Ratio, 2)).ToArray()),
            ["score"] = score,
            ["imageNoiseResidual"] = Math.Round(reference, 2),
        };
        var summary = anySmoother
            ? new LocalizedText(
                "Part of the photo is much smoother than the camera noise everywhere else, as a painted, blurred or AI-filled patch would be. Look at the marked area; out-of-focus or very plain surfaces can also cause this.",
                "照片的一部分比其他地方的相机噪点平滑得多，像是被涂抹、模糊或由 AI 填充过。请查看标出的区域；失焦或非常平整的表面也可能造成这种情况。")
            : new LocalizedText(
                "Part of the photo is much noisier than the rest, as a patch pasted from another picture can be. Look at the marked area; strong texture can also cause this.",
                "照片的一部分比其余部分噪点多得多，像是从另一张图片粘贴过来的。请查看标出的区域；强烈的纹理也可能造成这种情况。");
        var confidence = Math.Round(0.3 + 0.3 * score, 2);
        return new Finding(FindingCodes.LocalNoiseInconsistency, Severity.Warning, confidence, summary, details);
    }
}
