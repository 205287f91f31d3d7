using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Turns unexplained blocks into a pixel-level change mask at analysis resolution.</summary>
internal static class ChangeMask
{
    // A changed pixel's smoothed residual exceeds this many times the expected noise deviation.
    internal static double PixelMultiplier { get; set; } = 3.0;

    /// <summary>8UC1 analysis-size mask, 255 = changed. The per-pixel model uses each explained block's own
    /// fit and, inside unexplained blocks, the fit of explained neighbours: the edit must not explain itself.</summary>
    public static Mat Build(Mat claimPlanes, AlignedReference aligned, BlockFit fit, Agreement agreement, double lumaNoise, double chromaNoise)
    {
        var mask = new Mat(claimPlanes.Size(), MatType.CV_8UC1, Scalar.All(0));
        var bs = fit.BlockSize;
        if (fit.Columns == 0 || fit.Rows == 0)
            return mask;
        var roi = new Rect(0, 0, fit.Columns * bs, fit.Rows * bs);
        var weights = NeighbourWeights(fit, agreement);

        using var grid = new Mat(fit.Rows, fit.Columns, MatType.CV_32FC4);
        System.Runtime.InteropServices.Marshal.Copy(weights, 0, grid.Data, weights.Length);
        using var perPixel = new Mat();
        Cv2.Resize(grid, perPixel, roi.Size, 0, 0, InterpolationFlags.Nearest);
        var w = perPixel.Split();
        using var claimRoi = new Mat(claimPlanes, roi);
        using var refRoi = new Mat(aligned.Planes, roi);
        var claim = claimRoi.Split();
        var reference = refRoi.Split();
        var bases = BlockFit.Bases(reference[0]);
        try
        {
            using var predicted = new Mat();
            Cv2.Multiply(w[0], bases[0], predicted);
            using var term = new Mat();
            for (var i = 1; i < 3; i++)
            {
                Cv2.Multiply(w[i], bases[i], term);
                Cv2.Add(predicted, term, predicted);
            }
            Cv2.Add(predicted, w[3], predicted);
            using var residual = new Mat();
            Cv2.Subtract(claim[0], predicted, residual);
            Cv2.Multiply(residual, residual, residual);
            Cv2.GaussianBlur(residual, residual, new Size(0, 0), 2.0);
            using var validRoiMask = new Mat(aligned.Valid, roi);
            using var lumaChanged = new Mat();
            Cv2.Threshold(residual, lumaChanged, PixelMultiplier * PixelMultiplier * lumaNoise, 255, ThresholdTypes.Binary);

            using var chromaChanged = ChromaChange(claim, reference, validRoiMask, chromaNoise);
            using var changed = new Mat();
            Cv2.Max(lumaChanged, chromaChanged, changed);
            using var changed8 = new Mat();
            changed.ConvertTo(changed8, MatType.CV_8UC1);

            // Only where blocks were not explained (grown by one block, edits straddle block borders).
            using var blockMask = UnexplainedBlocks(fit, agreement, roi.Size);
            Cv2.BitwiseAnd(changed8, blockMask, changed8);
            Cv2.BitwiseAnd(changed8, validRoiMask, changed8);
            using var close = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(7, 7));
            using var open = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
            Cv2.MorphologyEx(changed8, changed8, MorphTypes.Close, close);
            Cv2.MorphologyEx(changed8, changed8, MorphTypes.Open, open);
            DropSpecks(changed8, Math.Max(12, bs * bs / 4));
            using var target = new Mat(mask, roi);
            changed8.CopyTo(target);
        }
        finally
        {
            foreach (var m in w.Concat(claim).Concat(reference).Concat(bases))
                m.Dispose();
        }
        return mask;
    }

    private static Mat ChromaChange(Mat[] claim, Mat[] reference, Mat valid, double chromaNoise)
    {
        var result = new Mat(claim[0].Size(), MatType.CV_32FC1, Scalar.All(0));
        using var diff = new Mat();
        using var changed = new Mat();
        for (var ch = 1; ch <= 2; ch++)
        {
            // One gain/offset for the whole picture: colour edits are local, tone changes of a copy global.
            var (gain, offset) = GlobalFit(claim[ch], reference[ch], valid);
            using var predicted = new Mat();
            reference[ch].ConvertTo(predicted, MatType.CV_32FC1, gain, offset);
            Cv2.Subtract(claim[ch], predicted, diff);
            Cv2.Multiply(diff, diff, diff);
            Cv2.GaussianBlur(diff, diff, new Size(0, 0), 3.0);
            Cv2.Threshold(diff, changed, ChromaThreshold(chromaNoise), 255, ThresholdTypes.Binary);
            Cv2.Max(result, changed, result);
        }
        return result;
    }

    private static double ChromaThreshold(double chromaNoise) => 2 * Agreement.ChromaMultiplier * Agreement.ChromaMultiplier * chromaNoise;

    private static (double Gain, double Offset) GlobalFit(Mat claim, Mat reference, Mat valid)
    {
        Cv2.MeanStdDev(claim, out var mc, out _, valid);
        Cv2.MeanStdDev(reference, out var mr, out var sr, valid);
        using var product = new Mat();
        Cv2.Multiply(claim, reference, product);
        var cov = Cv2.Mean(product, valid).Val0 - mc.Val0 * mr.Val0;
        var gain = cov / (sr.Val0 * sr.Val0 + 1);
        return (gain, mc.Val0 - gain * mr.Val0);
    }

    private static float[] NeighbourWeights(BlockFit fit, Agreement agreement)
    {
        var weights = (float[])fit.Weights.Clone();
        var global = new float[4];
        var globalCount = 0;
        for (var i = 0; i < agreement.Explained.Length; i++)
        {
            if (!agreement.Explained[i]) continue;
            for (var k = 0; k < 4; k++) global[k] += fit.Weights[4 * i + k];
            globalCount++;
        }
        for (var k = 0; k < 4; k++) global[k] /= Math.Max(1, globalCount);
        for (var y = 0; y < fit.Rows; y++)
        {
            for (var x = 0; x < fit.Columns; x++)
            {
                var i = y * fit.Columns + x;
                if (agreement.Explained[i]) continue;
                var sum = new float[4];
                var count = 0;
                for (var radius = 1; radius <= 4 && count == 0; radius++)
                {
                    for (var yy = Math.Max(0, y - radius); yy <= Math.Min(fit.Rows - 1, y + radius); yy++)
                    {
                        for (var xx = Math.Max(0, x - radius); xx <= Math.Min(fit.Columns - 1, x + radius); xx++)
                        {
                            var j = yy * fit.Columns + xx;
                            if (!agreement.Explained[j]) continue;
                            for (var k = 0; k < 4; k++) sum[k] += fit.Weights[4 * j + k];
                            count++;
                        }
                    }
                }
                for (var k = 0; k < 4; k++)
                    weights[4 * i + k] = count > 0 ? sum[k] / count : global[k];
            }
        }
        return weights;
    }

    private static Mat UnexplainedBlocks(BlockFit fit, Agreement agreement, Size size)
    {
        using var grid = new Mat(fit.Rows, fit.Columns, MatType.CV_8UC1, Scalar.All(0));
        for (var i = 0; i < agreement.Explained.Length; i++)
        {
            if (fit.Valid[i] && !agreement.Explained[i])
                grid.Set(i / fit.Columns, i % fit.Columns, (byte)255);
        }
        using var grown = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
        Cv2.Dilate(grid, grown, kernel);
        var mask = new Mat();
        Cv2.Resize(grown, mask, size, 0, 0, InterpolationFlags.Nearest);
        return mask;
    }

    internal static unsafe void DropSpecks(Mat mask, int minArea)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var keep = new bool[count];
        var any = false;
        for (var label = 1; label < count; label++)
        {
            keep[label] = stats.At<int>(label, (int)ConnectedComponentsTypes.Area) >= minArea;
            any |= !keep[label];
        }
        if (!any)
            return;
        var rows = mask.Rows;
        var cols = mask.Cols;
        for (var y = 0; y < rows; y++)
        {
            var labelRow = (int*)labels.Ptr(y);
            var maskRow = (byte*)mask.Ptr(y);
            for (var x = 0; x < cols; x++)
            {
                if (!keep[labelRow[x]])
                    maskRow[x] = 0;
            }
        }
    }
}
