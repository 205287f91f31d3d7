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
