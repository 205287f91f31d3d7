using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>What a buyer's phone does to a picture, applied to the image and its change mask alike.</summary>
public static class PhoneTransform
{
    /// <summary>Transforms <paramref name="bgr"/> and carries <paramref name="mask"/> through the same geometry.</summary>
    /// <param name="bgr">8-bit BGR image; not modified.</param>
    /// <param name="mask">8UC1 mask of the same size (255 = changed); not modified.</param>
    /// <param name="kind">The transform.</param>
    /// <param name="rng">Source of every random choice.</param>
    /// <returns>The new image and the mask at the new image's size, still binary (0 or 255).</returns>
    /// <exception cref="ArgumentException">The image is not 8-bit BGR or the mask does not match it.</exception>
    public static (Mat Image, Mat Mask) Apply(Mat bgr, Mat mask, TransformKind kind, Random rng)
    {
        var result = ApplyEncoded(bgr, mask, kind, rng);
        return (result.Image, result.Mask);
    }

    /// <summary>As <see cref="Apply"/>, plus the file bytes when the transform itself ended in a JPEG save
    /// (so a writer stores those bytes rather than compressing a second time).</summary>
    internal static TransformResult ApplyEncoded(Mat bgr, Mat mask, TransformKind kind, Random rng)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(rng);
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3) throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(bgr));
        if (mask.Type() != MatType.CV_8UC1 || mask.Size() != bgr.Size()) throw new ArgumentException("Expected an 8UC1 mask of the image's size.", nameof(mask));

        switch (kind)
        {
            case TransformKind.None: return new(bgr.Clone(), mask.Clone(), null);
            case TransformKind.Resize25: return Resize(bgr, mask, 0.25);
            case TransformKind.Resize50: return Resize(bgr, mask, 0.5);
            case TransformKind.CropHalf: return CropHalf(bgr, mask, rng);
            case TransformKind.Rotate90: return Rotate90(bgr, mask, rng);
            case TransformKind.RotateSmall: return RotateSmall(bgr, mask, rng);
            case TransformKind.Mirror: return Mirror(bgr, mask);
            case TransformKind.Screenshot: return ScreenshotComposer.Compose(bgr, mask, rng);
            case TransformKind.Jpeg40: return Jpeg(bgr, mask, 40);
            case TransformKind.DoubleResave: return DoubleResave(bgr, mask, rng);
            case TransformKind.Combined: return Combined(bgr, mask, rng);
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transform kind.");
        }
    }

    /// <summary>INTER_AREA for the picture; the mask keeps a pixel when at least a quarter of its footprint
    /// changed, which is where a downscaled edit still moves the averaged value visibly.</summary>
    internal static (Mat Image, Mat Mask) ResizePair(Mat bgr, Mat mask, Size size)
    {
        var shrink = (double)size.Width * size.Height < (double)bgr.Width * bgr.Height;
        var image = new Mat();
        Cv2.Resize(bgr, image, size, 0, 0, shrink ? InterpolationFlags.Area : InterpolationFlags.Cubic);
        var small = new Mat();
        Cv2.Resize(mask, small, size, 0, 0, shrink ? InterpolationFlags.Area : InterpolationFlags.Nearest);
        Cv2.Threshold(small, small, 63, 255, ThresholdTypes.Binary);
        return (image, small);
    }

    private static TransformResult Resize(Mat bgr, Mat mask, double factor)
    {
        var size = new Size(Math.Max(1, (int)Math.Round(bgr.Width * factor)), Math.Max(1, (int)Math.Round(bgr.Height * factor)));
        var (image, m) = ResizePair(bgr, mask, size);
        return new(image, m, null);
    }

    private static TransformResult CropHalf(Mat bgr, Mat mask, Random rng)
    {
        var aspect = rng.Uniform(0.8, 1.25);
        var w = Math.Clamp((int)Math.Round(bgr.Width * Math.Sqrt(0.5) * aspect), 1, bgr.Width);
        var h = Math.Clamp((int)Math.Round(bgr.Width * bgr.Height * 0.5 / w), 1, bgr.Height);
        var total = Cv2.CountNonZero(mask);
        var best = new Rect(0, 0, w, h);
        var bestKept = -1;
        // Candidates are random; the buyer crops around the damage, so keep the one holding most of the edit.
        for (var i = 0; i < 24; i++)
        {
            var r = new Rect(rng.Next(0, bgr.Width - w + 1), rng.Next(0, bgr.Height - h + 1), w, h);
            using var window = new Mat(mask, r);
            var kept = total == 0 ? 0 : Cv2.CountNonZero(window);
            if (kept > bestKept)
            {
                (best, bestKept) = (r, kept);
            }
            if (total == 0 || kept >= total) break;
        }
        using var imageView = new Mat(bgr, best);
        using var maskView = new Mat(mask, best);
        return new(imageView.Clone(), maskView.Clone(), null);
    }

    private static TransformResult Rotate90(Mat bgr, Mat mask, Random rng)
    {
        var code = rng.Pick([RotateFlags.Rotate90Clockwise, RotateFlags.Rotate180, RotateFlags.Rotate90Counterclockwise]);
        var image = new Mat();
        var m = new Mat();
        Cv2.Rotate(bgr, image, code);
        Cv2.Rotate(mask, m, code);
        return new(image, m, null);
    }

    private static TransformResult Mirror(Mat bgr, Mat mask)
    {
        var image = new Mat();
        var m = new Mat();
        Cv2.Flip(bgr, image, FlipMode.Y);
        Cv2.Flip(mask, m, FlipMode.Y);
        return new(image, m, null);
    }

    private static TransformResult RotateSmall(Mat bgr, Mat mask, Random rng)
    {
        var (image, m) = RotatePair(bgr, mask, rng);
        return new(image, m, null);
    }

    /// <summary>Rotation by ±3..15 degrees; the canvas either grows (borders filled with a flat colour, as
    /// a gallery editor does) or is cropped to the largest upright rectangle inside the rotated picture.</summary>
    internal static (Mat Image, Mat Mask) RotatePair(Mat bgr, Mat mask, Random rng)
    {
        var degrees = rng.Uniform(3, 15) * (rng.Chance(0.5) ? 1 : -1);
        var expand = rng.Chance(0.5);
        var fill = rng.Chance(0.5) ? Scalar.All(0) : Scalar.All(255);
        var rad = Math.Abs(degrees) * Math.PI / 180;
        double w = bgr.Width, h = bgr.Height;
        double outW, outH;
        if (expand)
        {
            outW = (w * Math.Cos(rad)) + (h * Math.Sin(rad));
            outH = (w * Math.Sin(rad)) + (h * Math.Cos(rad));
        }
        else
        {
            (outW, outH) = LargestInscribed(w, h, rad);
        }
        var outSize = new Size(Math.Max(1, (int)Math.Floor(outW)), Math.Max(1, (int)Math.Floor(outH)));
        using var rot = Cv2.GetRotationMatrix2D(new Point2f((float)(w / 2), (float)(h / 2)), degrees, 1.0);
        rot.Set(0, 2, rot.Get<double>(0, 2) + ((outSize.Width - w) / 2));
        rot.Set(1, 2, rot.Get<double>(1, 2) + ((outSize.Height - h) / 2));
        var image = new Mat();
        Cv2.WarpAffine(bgr, image, rot, outSize, InterpolationFlags.Linear, BorderTypes.Constant, fill);
        var m = new Mat();
        Cv2.WarpAffine(mask, m, rot, outSize, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        return (image, m);
    }

    private static (double W, double H) LargestInscribed(double w, double h, double rad)
    {
        // Largest axis-aligned rectangle inside a w×h rectangle rotated by rad (standard closed form).
        var sin = Math.Abs(Math.Sin(rad));
        var cos = Math.Abs(Math.Cos(rad));
        var longSide = Math.Max(w, h);
        var shortSide = Math.Min(w, h);
        if (shortSide <= 2 * sin * cos * longSide || Math.Abs(sin - cos) < 1e-10)
        {
            var x = 0.5 * shortSide;
            return w >= h ? (x / sin, x / cos) : (x / cos, x / sin);
        }
        var cos2 = (cos * cos) - (sin * sin);
        return (((w * cos) - (h * sin)) / cos2, ((h * cos) - (w * sin)) / cos2);
    }

    private static TransformResult Jpeg(Mat bgr, Mat mask, int quality)
    {
        var bytes = Pixels.EncodeJpeg(bgr, quality);
        return new(Pixels.DecodeColor(bytes), mask.Clone(), bytes);
    }

    private static TransformResult DoubleResave(Mat bgr, Mat mask, Random rng)
    {
        using var first = Pixels.JpegRoundTrip(bgr, rng.Next(83, 88));
        return Jpeg(first, mask, rng.Next(72, 78));
    }

    private static TransformResult Combined(Mat bgr, Mat mask, Random rng)
    {
        var half = new Size(Math.Max(1, bgr.Width / 2), Math.Max(1, bgr.Height / 2));
        var (small, smallMask) = ResizePair(bgr, mask, half);
        using (small)
        using (smallMask)
        {
            var (rotated, rotatedMask) = RotatePair(small, smallMask, rng);
            using (rotated)
            {
                var result = Jpeg(rotated, rotatedMask, 60);
                rotatedMask.Dispose();
                return result;
            }
        }
    }
}
