using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A photo at the resolution derivation works at: an 8-bit grey plane for features and a float
/// luma/chroma image (Y, Cr, Cb) for pixel comparison.</summary>
internal sealed class AnalysisImage : IDisposable
{
    /// <summary>Long side of the analysis image; larger working images are reduced to it.</summary>
    public const int LongSide = 1024;

    /// <summary>Most pixels an analysis image keeps (a 4:3 picture at <see cref="LongSide"/>).</summary>
    public const double MaxPixels = LongSide * 768.0;

    private AnalysisImage(Mat gray, Mat planes, double scale)
    {
        Gray = gray;
        Planes = planes;
        Scale = scale;
    }

    public Mat Gray { get; }

    /// <summary>CV_32FC3: luma, then the two chroma differences, 0..255.</summary>
    public Mat Planes { get; }

    /// <summary>Analysis pixels per working-image pixel (at most 1).</summary>
    public double Scale { get; }

    public int Width => Gray.Width;

    public int Height => Gray.Height;

    public static AnalysisImage Create(Mat bgr)
    {
        // Bounded by area, not by the long side: a tall screenshot keeps enough pixels on the photo inside it.
        var area = (double)bgr.Width * bgr.Height;
        var scale = area > MaxPixels ? Math.Sqrt(MaxPixels / area) : 1.0;
        using var resized = new Mat();
        if (scale < 1)
            Cv2.Resize(bgr, resized, new Size(Math.Max(1, (int)Math.Round(bgr.Width * scale)), Math.Max(1, (int)Math.Round(bgr.Height * scale))), 0, 0, InterpolationFlags.Area);
        else
            bgr.CopyTo(resized);
        using var ycrcb = new Mat();
        Cv2.CvtColor(resized, ycrcb, ColorConversionCodes.BGR2YCrCb);
        var planes = new Mat();
        ycrcb.ConvertTo(planes, MatType.CV_32FC3);
        var gray = new Mat();
        Cv2.ExtractChannel(ycrcb, gray, 0);
        return new AnalysisImage(gray, planes, scale);
    }

    public void Dispose()
    {
        Gray.Dispose();
        Planes.Dispose();
    }
}
