using OpenCvSharp;

namespace ClaimLens.Forensics.Imaging;

/// <summary>A decoded photo at working resolution, oriented as displayed (EXIF orientation applied).
/// Owns its native buffer: dispose it.</summary>
public sealed class DecodedImage : IDisposable
{
    internal DecodedImage(ImageFormat format, int width, int height, Mat bgr)
    {
        Format = format;
        Width = width;
        Height = height;
        Bgr = bgr;
    }

    /// <summary>The container format.</summary>
    public ImageFormat Format { get; }

    /// <summary>Full-resolution width as displayed.</summary>
    public int Width { get; }

    /// <summary>Full-resolution height as displayed.</summary>
    public int Height { get; }

    /// <summary>The pixels at working resolution, 8-bit BGR.</summary>
    public Mat Bgr { get; }

    /// <summary>Working width divided by full width (1 when decoded at full size).</summary>
    public double Scale => (double)Bgr.Width / Width;

    /// <summary>k when the working image is exactly the 1/k decode of the picture (JPEG's scaled decode rounds the
    /// size up), null when it was resized by another factor.</summary>
    internal int? Reduction
    {
        get
        {
            foreach (var k in (ReadOnlySpan<int>)[1, 2, 4, 8])
            {
                if (Bgr.Width == (Width + k - 1) / k && Bgr.Height == (Height + k - 1) / k)
                    return k;
            }
            return null;
        }
    }

    /// <summary>Working-image pixel centres to full-resolution ones. A 1/k decode is exactly k pixels per working
    /// pixel, whatever the rounded-up size says (683 rows from 1,365 are not 0.50037 of them: taken so, a quarter
    /// turn of such a picture came out 0.07 % off in scale).</summary>
    internal double[] ToFull => Reduction is { } k
        ? [k, 0, (0.5 * k) - 0.5, 0, k, (0.5 * k) - 0.5, 0, 0, 1]
        : [(double)Width / Bgr.Width, 0, (0.5 * Width / Bgr.Width) - 0.5, 0, (double)Height / Bgr.Height, (0.5 * Height / Bgr.Height) - 0.5, 0, 0, 1];

    /// <summary>A new 8-bit grey copy of the working image; the caller disposes it.</summary>
    public Mat ToGray()
    {
        var gray = new Mat();
        Cv2.CvtColor(Bgr, gray, ColorConversionCodes.BGR2GRAY);
        return gray;
    }

    /// <inheritdoc />
    public void Dispose() => Bgr.Dispose();
}
