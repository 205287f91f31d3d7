using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>The reference a claim photo was derived from, warped into a frame of the photo with the match's
/// homography (<see cref="DerivationMatch.Homography"/>), so a reviewer can blink or slide between the two.</summary>
public static class ReferenceWarp
{
    /// <summary>The reference (<paramref name="reference"/>, decoded at working resolution) in a frame of
    /// <paramref name="frameWidth"/> x <paramref name="frameHeight"/> showing the whole claim photo
    /// (<paramref name="claimWidth"/> x <paramref name="claimHeight"/> at full resolution); black where the
    /// reference does not reach. Null when the homography is not a usable 3x3 map. The caller disposes the result.</summary>
    public static Mat? Render(DecodedImage reference, IReadOnlyList<double> homography, int claimWidth, int claimHeight,
        int frameWidth, int frameHeight)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(homography);
        if (homography.Count != 9 || homography.Any(v => !double.IsFinite(v)) || claimWidth < 1 || claimHeight < 1
            || frameWidth < 1 || frameHeight < 1 || reference.Bgr.Empty())
            return null;
        // Reference working pixels -> reference full -> claim full -> frame pixels (pixel-centre maps of the resizes).
        var toFrame = Projective.Multiply(Projective.Resize((double)frameWidth / claimWidth, (double)frameHeight / claimHeight),
            Projective.Multiply([.. homography], Projective.Resize((double)reference.Width / reference.Bgr.Width, (double)reference.Height / reference.Bgr.Height)));
        var source = reference.Bgr;
        using var reduced = new Mat();
        var scale = Projective.LocalScale(toFrame, source.Width / 2.0, source.Height / 2.0);
        // Warping samples bilinearly: a reference much larger than the frame is area-averaged first, or it aliases.
        if (scale is > 0.01 and < 0.7)
        {
            var size = new Size(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
            Cv2.Resize(source, reduced, size, 0, 0, InterpolationFlags.Area);
            toFrame = Projective.Multiply(toFrame, Projective.Resize((double)source.Width / size.Width, (double)source.Height / size.Height));
            source = reduced;
        }
        using var m = Projective.ToMat(toFrame, MatType.CV_64FC1);
        var warped = new Mat();
        Cv2.WarpPerspective(source, warped, m, new Size(frameWidth, frameHeight), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return warped;
    }
}
