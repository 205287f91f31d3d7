using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Reuse;

/// <summary>The near copies a reused-evidence check must still recognise: each makes a new Mat the caller disposes.</summary>
internal static class NearCopies
{
    public static IReadOnlyList<(string Name, Func<Mat, Mat> Make)> All { get; } =
    [
        ("resize 50%", m => Resize(m, 0.5)),
        ("resize 25%", m => Resize(m, 0.25)),
        ("jpeg q40 twice", m => Jpeg(Jpeg(m, 40), 40)),
        ("brighter +25, contrast 1.15", m => Tone(m, 1.15, 25)),
        ("darker -25, contrast 0.85", m => Tone(m, 0.85, -25)),
        ("crop 5% each side", m => Crop(m, 0.05, 0.05, 0.05, 0.05)),
        ("crop 10% left", m => Crop(m, 0.10, 0, 0, 0)),
        ("crop 10% bottom", m => Crop(m, 0, 0, 0, 0.10)),
        ("crop 8% left+top", m => Crop(m, 0.08, 0.08, 0, 0)),
        ("crop 3% right+bottom", m => Crop(m, 0, 0, 0.03, 0.03)),
        ("screenshot border", m => Border(m)),
        ("all: 25% + crop 4% + tone + border + q40 twice", m => Jpeg(Jpeg(Border(Tone(Crop(Resize(m, 0.25), 0.04, 0.02, 0.0, 0.04), 1.1, 10)), 40), 40)),
    ];

    public static Mat Resize(Mat m, double factor)
    {
        var r = new Mat();
        Cv2.Resize(m, r, new Size(), factor, factor, InterpolationFlags.Area);
        return r;
    }

    public static Mat Jpeg(Mat m, int quality)
    {
        var bytes = m.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return Cv2.ImDecode(bytes, ImreadModes.Color);
    }

    public static Mat Tone(Mat m, double gain, double offset)
    {
        var r = new Mat();
        m.ConvertTo(r, MatType.CV_8UC3, gain, offset);
        return r;
    }

    public static Mat Crop(Mat m, double left, double top, double right, double bottom)
    {
        var x0 = (int)(m.Width * left);
        var y0 = (int)(m.Height * top);
        var x1 = m.Width - (int)(m.Width * right);
        var y1 = m.Height - (int)(m.Height * bottom);
        using var view = new Mat(m, new Rect(x0, y0, x1 - x0, y1 - y0));
        return view.Clone();
    }

    /// <summary>A phone screenshot of the photo: black status bar on top, white margins below and beside.</summary>
    public static Mat Border(Mat m)
    {
        var bar = Math.Max(4, m.Height / 12);
        var r = new Mat();
        Cv2.CopyMakeBorder(m, r, bar, bar * 2, m.Width / 30, m.Width / 30, BorderTypes.Constant, Scalar.White);
        Cv2.Rectangle(r, new Rect(0, 0, r.Width, bar / 2), Scalar.Black, -1);
        return r;
    }

    /// <summary>A mirrored copy (not a near copy for the hash; used to document the choice).</summary>
    public static Mat Mirror(Mat m)
    {
        var r = new Mat();
        Cv2.Flip(m, r, FlipMode.Y);
        return r;
    }
}
