using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Local edits of a photo with an exact ground-truth mask.</summary>
public static class Forgery
{
    private const int MaxAttempts = 6;

    /// <summary>Paints one edit of the given kind onto a copy of <paramref name="bgr"/>.</summary>
    /// <param name="bgr">8-bit BGR image; not modified.</param>
    /// <param name="kind">The edit.</param>
    /// <param name="rng">Source of every random choice.</param>
    /// <param name="targetAreaFraction">Intended fraction of the image that changes, in (0, 0.5].</param>
    /// <returns>The edited image and an 8UC1 mask of the same size, 255 where a pixel moved by more than
    /// 8 grey levels in any channel. Pixels outside the mask are identical to the input.</returns>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit BGR.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The area fraction is outside (0, 0.5].</exception>
    public static (Mat Image, Mat Mask) Apply(Mat bgr, ForgeryKind kind, Random rng, double targetAreaFraction)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(rng);
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3) throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(bgr));
        if (!(targetAreaFraction > 0 && targetAreaFraction <= 0.5)) throw new ArgumentOutOfRangeException(nameof(targetAreaFraction));

        var target = targetAreaFraction * bgr.Rows * bgr.Cols;
        var shapeSeed = rng.Next();
        var scale = 1.0;
        Mat? bestImage = null;
        Mat? bestMask = null;
        var bestError = double.MaxValue;
        // The same shape seed each attempt keeps the edit's place and look; only its size is corrected,
        // because how many pixels really change depends on the content under the edit (a blur on a flat wall
        // changes little).
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var image = bgr.Clone();
            Paint(image, kind, new Random(shapeSeed), target * scale);
            var mask = Pixels.ChangedMask(bgr, image);
            var area = Math.Max(1, Cv2.CountNonZero(mask));
            var error = Math.Abs(Math.Log(area / target));
            if (error < bestError)
            {
                bestImage?.Dispose();
                bestMask?.Dispose();
                (bestImage, bestMask, bestError) = (image, mask, error);
            }
            else
            {
                image.Dispose();
                mask.Dispose();
            }
            if (bestError < Math.Log(1.2)) break;
            scale *= Math.Clamp(target / area, 0.4, 3.0);
            if (scale > 20) break;
        }
        return (bestImage!, bestMask!);
    }

    private static void Paint(Mat image, ForgeryKind kind, Random rng, double area)
    {
        switch (kind)
        {
            case ForgeryKind.Crack: StrokePainter.Crack(image, rng, area); break;
            case ForgeryKind.Text: StrokePainter.Scribble(image, rng, area); break;
            case ForgeryKind.Stain: RegionPainter.Stain(image, rng, area); break;
            case ForgeryKind.Tear: RegionPainter.Tear(image, rng, area); break;
            case ForgeryKind.Inpaint: RegionPainter.Inpaint(image, rng, area); break;
            case ForgeryKind.Clone: RegionPainter.Clone(image, rng, area); break;
            case ForgeryKind.Blur: RegionPainter.Blur(image, rng, area); break;
            case ForgeryKind.ColorShift: RegionPainter.ColorShift(image, rng, area); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown forgery kind.");
        }
    }
}
