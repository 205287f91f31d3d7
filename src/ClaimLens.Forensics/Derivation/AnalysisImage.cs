using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A photo (or the part of it a reference covers) at the resolution derivation works at: an 8-bit grey
/// plane for features and a float luma/chroma image (Y, Cr, Cb) for pixel comparison.</summary>
internal sealed class AnalysisImage : IDisposable
{
    /// <summary>Long side of the analysis image; larger working images are reduced to it.</summary>
    public const int LongSide = 1024;

    /// <summary>Most pixels an analysis image keeps (a 4:3 picture at <see cref="LongSide"/>).</summary>
    public const double MaxPixels = LongSide * 768.0;

    private AnalysisImage(Mat gray, Mat planes, Rect region)
    {
        Gray = gray;
        Planes = planes;
        Region = region;
    }

    public Mat Gray { get; }

    /// <summary>CV_32FC3: luma, then the two chroma differences, 0..255.</summary>
    public Mat Planes { get; }

    /// <summary>The part of the working image this analysis image shows (the whole of it, or the footprint of
    /// a reference inside a screenshot), in working-image pixels.</summary>
    public Rect Region { get; }

    /// <summary>Analysis pixels per working-image pixel (at most 1).</summary>
    public double Scale => (double)Width / Region.Width;

    public int Width => Gray.Width;

    public int Height => Gray.Height;

    /// <summary>Working-image coordinates to analysis coordinates (pixel centres).</summary>
    public double[] FromWorking => Projective.Multiply(
        Projective.Resize((double)Width / Region.Width, (double)Height / Region.Height),
        [1, 0, -Region.X, 0, 1, -Region.Y, 0, 0, 1]);

    public static AnalysisImage Create(Mat bgr) => Create(bgr, new Rect(0, 0, bgr.Width, bgr.Height), 1);

    /// <summary>Analysis image of <paramref name="region"/> of the working image, at most
    /// <paramref name="maxScale"/> analysis pixels per working pixel and at most <see cref="MaxPixels"/>.</summary>
    public static AnalysisImage Create(Mat bgr, Rect region, double maxScale)
    {
        region = region.Intersect(new Rect(0, 0, bgr.Width, bgr.Height));
        if (region.Width < 1 || region.Height < 1)
            region = new Rect(0, 0, bgr.Width, bgr.Height);
        // Bounded by area, not by the long side: a tall screenshot keeps enough pixels on the photo inside it.
        var area = (double)region.Width * region.Height;
        var scale = Math.Min(Math.Min(1, maxScale), area > MaxPixels ? Math.Sqrt(MaxPixels / area) : 1.0);
        var size = scale < 0.999
            ? new Size(Math.Max(1, (int)Math.Round(region.Width * scale)), Math.Max(1, (int)Math.Round(region.Height * scale)))
            : region.Size;
        return Create(bgr, region, size);
    }

    /// <summary>Analysis image of another picture of <paramref name="frame"/>'s working size, made exactly as
    /// <paramref name="frame"/> was (same region, same reduction).</summary>
    public static AnalysisImage Like(Mat bgr, AnalysisImage frame) => Create(bgr, frame.Region, new Size(frame.Width, frame.Height));

    private static AnalysisImage Create(Mat bgr, Rect region, Size size)
    {
        using var view = new Mat(bgr, region);
        using var resized = new Mat();
        if (size != region.Size)
            Cv2.Resize(view, resized, size, 0, 0, InterpolationFlags.Area);
        else
            view.CopyTo(resized);
        using var ycrcb = new Mat();
        Cv2.CvtColor(resized, ycrcb, ColorConversionCodes.BGR2YCrCb);
        var planes = new Mat();
        ycrcb.ConvertTo(planes, MatType.CV_32FC3);
        var gray = new Mat();
        Cv2.ExtractChannel(ycrcb, gray, 0);
        return new AnalysisImage(gray, planes, region);
    }

    public void Dispose()
    {
        Gray.Dispose();
        Planes.Dispose();
    }
}
