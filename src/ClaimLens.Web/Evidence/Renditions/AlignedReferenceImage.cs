using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>The reference a claim photo was derived from, warped into the photo's frame with the engine's alignment,
/// so a reviewer can blink or slide between the two: outside the edit they agree pixel for pixel.</summary>
public static class AlignedReferenceImage
{
    private const int Quality = 88;

    /// <summary>A JPEG of <paramref name="reference"/> (decoded at working resolution) in a frame of
    /// <paramref name="frameWidth"/> x <paramref name="frameHeight"/> showing the whole claim photo
    /// (<paramref name="claimWidth"/> x <paramref name="claimHeight"/> at full resolution); black where the
    /// reference does not reach. Null when the homography is not a usable 3x3 map.</summary>
    public static byte[]? RenderJpeg(DecodedImage reference, IReadOnlyList<double> homography, int claimWidth, int claimHeight,
        int frameWidth, int frameHeight)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(homography);
        if (homography.Count != 9 || homography.Any(v => !double.IsFinite(v)) || claimWidth < 1 || claimHeight < 1
            || frameWidth < 1 || frameHeight < 1 || reference.Bgr.Empty())
            return null;
        // Reference working pixels -> reference full -> claim full -> frame pixels (pixel-centre maps of the resizes).
        var toFrame = Multiply(Resize((double)frameWidth / claimWidth, (double)frameHeight / claimHeight),
            Multiply([.. homography], Resize((double)reference.Width / reference.Bgr.Width, (double)reference.Height / reference.Bgr.Height)));
        var source = reference.Bgr;
        using var reduced = new Mat();
        var scale = LocalScale(toFrame, source.Width / 2.0, source.Height / 2.0);
        // Warping samples bilinearly: a reference much larger than the frame is area-averaged first, or it aliases.
        if (scale is > 0.01 and < 0.7)
        {
            var size = new Size(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
            Cv2.Resize(source, reduced, size, 0, 0, InterpolationFlags.Area);
            toFrame = Multiply(toFrame, Resize((double)source.Width / size.Width, (double)source.Height / size.Height));
            source = reduced;
        }
        using var m = new Mat(3, 3, MatType.CV_64FC1);
        for (var i = 0; i < 9; i++)
            m.Set(i / 3, i % 3, toFrame[i]);
        using var warped = new Mat();
        Cv2.WarpPerspective(source, warped, m, new Size(frameWidth, frameHeight), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return warped.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, Quality));
    }

    // Pixel-centre map of a resize by fx, fy (OpenCV: x' = (x + 0.5) f - 0.5).
    private static double[] Resize(double fx, double fy) => [fx, 0, 0.5 * fx - 0.5, 0, fy, 0.5 * fy - 0.5, 0, 0, 1];

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        }
        return r;
    }

    // Square root of the map's Jacobian determinant at (x, y).
    private static double LocalScale(double[] h, double x, double y)
    {
        var w = h[6] * x + h[7] * y + h[8];
        var u = h[0] * x + h[1] * y + h[2];
        var v = h[3] * x + h[4] * y + h[5];
        var dux = (h[0] * w - u * h[6]) / (w * w);
        var duy = (h[1] * w - u * h[7]) / (w * w);
        var dvx = (h[3] * w - v * h[6]) / (w * w);
        var dvy = (h[4] * w - v * h[7]) / (w * w);
        return Math.Sqrt(Math.Abs(dux * dvy - duy * dvx));
    }
}
