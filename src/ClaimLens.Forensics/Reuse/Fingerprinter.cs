using OpenCvSharp;

namespace ClaimLens.Forensics.Reuse;

/// <summary>Computes the <see cref="PerceptualHash"/> of a picture: uniform borders (screenshot frames,
/// letterboxing) are trimmed, the rest is shrunk to 32x32 grey, transformed by a 2-D DCT, and the 64 lowest
/// frequencies except the DC term are thresholded at their median. The hash survives resizing, JPEG
/// recompression, brightness and contrast changes and small crops; a mirrored copy is a different picture.</summary>
public static class Fingerprinter
{
    private const int Side = 32;

    /// <summary>The hash of the whole picture (after trimming uniform borders).</summary>
    /// <param name="bgr">An 8-bit BGR, BGRA or grey picture.</param>
    /// <exception cref="ArgumentException">The picture is empty or not 8-bit.</exception>
    public static PerceptualHash Compute(Mat bgr)
    {
        using var gray = ToGray(bgr);
        var content = BorderTrimmer.ContentRect(gray);
        using var region = new Mat(gray, content);
        return Hash(region);
    }

    /// <summary>pHash of the window [x0,x1)x[y0,y1) given as fractions of <paramref name="gray"/>'s size.</summary>
    internal static PerceptualHash HashWindow(Mat gray, double x0, double y0, double x1, double y1)
    {
        var rect = new Rect((int)Math.Round(x0 * gray.Width), (int)Math.Round(y0 * gray.Height), 0, 0);
        rect.Width = Math.Max(1, (int)Math.Round(x1 * gray.Width) - rect.X);
        rect.Height = Math.Max(1, (int)Math.Round(y1 * gray.Height) - rect.Y);
        using var region = new Mat(gray, rect);
        return Hash(region);
    }

    internal static Mat ToGray(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Depth() != MatType.CV_8U)
            throw new ArgumentException("the picture must be a non-empty 8-bit image", nameof(image));
        var gray = new Mat();
        switch (image.Channels())
        {
            case 1: image.CopyTo(gray); break;
            case 3: Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY); break;
            case 4: Cv2.CvtColor(image, gray, ColorConversionCodes.BGRA2GRAY); break;
            default:
                gray.Dispose();
                throw new ArgumentException($"the picture has {image.Channels()} channels; expected 1, 3 or 4", nameof(image));
        }
        return gray;
    }

    /// <summary>pHash of an 8-bit grey region.</summary>
    internal static PerceptualHash Hash(Mat gray)
    {
        using var small = new Mat();
        Cv2.Resize(gray, small, new Size(Side, Side), 0, 0, InterpolationFlags.Area);
        using var real = new Mat();
        small.ConvertTo(real, MatType.CV_32F);
        using var dct = new Mat();
        Cv2.Dct(real, dct);

        Span<float> coefficients = stackalloc float[PerceptualHash.Bits];
        Span<float> sorted = stackalloc float[PerceptualHash.Bits];
        var n = 0;
        // The 8x8 lowest frequencies without the DC term (brightness), plus (0,8) to make 64.
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                if (u == 0 && v == 0) continue;
                coefficients[n++] = dct.At<float>(v, u);
            }
        }
        coefficients[n] = dct.At<float>(0, 8);
        coefficients.CopyTo(sorted);
        sorted.Sort();
        var median = (sorted[31] + sorted[32]) / 2;

        ulong bits = 0;
        for (var i = 0; i < PerceptualHash.Bits; i++)
        {
            if (coefficients[i] > median) bits |= 1UL << i;
        }
        return new PerceptualHash(bits);
    }
}
