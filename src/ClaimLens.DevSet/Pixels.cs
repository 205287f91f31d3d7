using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Pixel helpers shared by the edits and transforms.</summary>
internal static class Pixels
{
    /// <summary>Grey levels a pixel must move (in any channel) to count as changed in a ground-truth mask.</summary>
    public const int ChangeThreshold = 8;

    /// <summary>image[roi] = image[roi] + (edited - image[roi]) * alpha, alpha 32F 0..1 of the ROI size.
    /// Where alpha is 0 the pixel is written back unchanged, so nothing outside the edit moves.</summary>
    public static void Blend(Mat image, Rect roi, Mat edited, Mat alpha)
    {
        using var view = new Mat(image, roi);
        using var src = new Mat();
        view.ConvertTo(src, MatType.CV_32FC3);
        using var dst = new Mat();
        edited.ConvertTo(dst, MatType.CV_32FC3);
        using var a3 = new Mat();
        Cv2.Merge([alpha, alpha, alpha], a3);
        Cv2.Subtract(dst, src, dst);
        Cv2.Multiply(dst, a3, dst);
        Cv2.Add(src, dst, src);
        src.ConvertTo(view, MatType.CV_8UC3);
    }

    /// <summary>Mask of pixels that moved by more than <see cref="ChangeThreshold"/> in any channel; every other
    /// pixel of <paramref name="edited"/> is reset to the original so the mask is exact ground truth.</summary>
    public static Mat ChangedMask(Mat original, Mat edited)
    {
        using var diff = new Mat();
        Cv2.Absdiff(original, edited, diff);
        var channels = Cv2.Split(diff);
        try
        {
            using var max = new Mat();
            Cv2.Max(channels[0], channels[1], max);
            Cv2.Max(max, channels[2], max);
            var mask = new Mat();
            Cv2.Threshold(max, mask, ChangeThreshold, 255, ThresholdTypes.Binary);
            using var unchanged = new Mat();
            Cv2.BitwiseNot(mask, unchanged);
            original.CopyTo(edited, unchanged);
            return mask;
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }

    /// <summary>Standard-normal noise of the given size and type from a seeded generator.</summary>
    public static Mat Normal(Random rng, Size size, MatType type)
    {
        var noise = new Mat(size, type);
        var gen = rng.OpenCvGenerator();
        gen.Fill(noise, DistributionType.Normal, new Scalar(0, 0, 0, 0), new Scalar(1, 1, 1, 1));
        return noise;
    }

    /// <summary>Smooth random field in 0..1 (blotchy texture for stains, fibres, lighting).</summary>
    public static Mat SmoothField(Random rng, Size size, int cells)
    {
        cells = Math.Max(2, cells);
        using var coarse = Normal(rng, new Size(cells, cells), MatType.CV_32FC1);
        var field = new Mat();
        Cv2.Resize(coarse, field, size, 0, 0, InterpolationFlags.Cubic);
        Cv2.Normalize(field, field, 0, 1, NormTypes.MinMax);
        return field;
    }

    public static byte[] EncodeJpeg(Mat bgr, int quality) =>
        bgr.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, Math.Clamp(quality, 1, 100)));

    public static Mat DecodeColor(byte[] bytes) => Cv2.ImDecode(bytes, ImreadModes.Color);

    /// <summary>Encode then decode: the image a JPEG re-save leaves behind.</summary>
    public static Mat JpegRoundTrip(Mat bgr, int quality) => DecodeColor(EncodeJpeg(bgr, quality));
}
