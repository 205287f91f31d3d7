using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Chooses the part of the claim, and the resolution, at which a candidate reference is compared: the
/// reference's footprint (a photo inside a screenshot, not the chat bubbles around it) at the working image's
/// own resolution when the whole picture had to be reduced, and not much finer than the reference itself (an
/// up-sampled reference is blurrier than the claim, and the copy model can blur, not sharpen).</summary>
internal static class ClaimFocus
{
    // Margin around the footprint, working pixels: the alignment may still move the reference a little.
    private const int Margin = 8;

    // The reference may be up-sampled this much into the view: more adds interpolation blur the copy model
    // cannot undo; up to it, the claim's own detail still helps the alignment (crops measured 67.5 % detected
    // with the claim reduced to the reference's resolution, 70 % at 1.5; screenshots of a 141 px reference 2 → 3
    // of 4).
    private const double MaxUpsampling = 1.5;

    // A view this close to the whole analysis image (area and resolution) is not worth a second image.
    private const double SameView = 0.9;

    /// <summary>The analysis image to compare the candidate on, and the candidate's homography into it; null
    /// when the whole-picture analysis image serves.</summary>
    public static (AnalysisImage Image, double[] Homography)? Choose(Mat working, AnalysisImage whole, GeometricMatch candidate)
    {
        var reference = candidate.Reference.Analysis;
        // Reference analysis -> working coordinates.
        var toWorking = Projective.Multiply(Projective.Invert(whole.FromWorking)!, candidate.Homography);
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new[] { (-0.5, -0.5), (reference.Width - 0.5, -0.5), (reference.Width - 0.5, reference.Height - 0.5), (-0.5, reference.Height - 0.5) })
        {
            var (px, py) = AlignedReference.Apply(toWorking, x, y);
            if (!double.IsFinite(px) || !double.IsFinite(py))
                return null;
            (minX, minY, maxX, maxY) = (Math.Min(minX, px), Math.Min(minY, py), Math.Max(maxX, px), Math.Max(maxY, py));
        }
        var bounds = new Rect(0, 0, working.Width, working.Height);
        var left = (int)Math.Clamp(Math.Floor(minX) - Margin, 0, working.Width);
        var top = (int)Math.Clamp(Math.Floor(minY) - Margin, 0, working.Height);
        var right = (int)Math.Clamp(Math.Ceiling(maxX) + Margin, 0, working.Width);
        var bottom = (int)Math.Clamp(Math.Ceiling(maxY) + Margin, 0, working.Height);
        var region = new Rect(left, top, right - left, bottom - top).Intersect(bounds);
        if (region.Width < 32 || region.Height < 32)
            return null;

        // Working pixels per reference analysis pixel: the focused view keeps no more than the reference has.
        var scaleToWorking = Projective.LocalScale(toWorking, reference.Width / 2.0, reference.Height / 2.0);
        var maxScale = scaleToWorking > 0 ? MaxUpsampling / scaleToWorking : 1;
        var area = (double)region.Width * region.Height;
        var scale = Math.Min(Math.Min(1, maxScale), area > AnalysisImage.MaxPixels ? Math.Sqrt(AnalysisImage.MaxPixels / area) : 1);
        var sameArea = area >= SameView * working.Width * working.Height;
        var sameResolution = Math.Abs(scale - whole.Scale) <= (1 - SameView) * whole.Scale;
        if (sameArea && sameResolution)
            return null;

        var focused = AnalysisImage.Create(working, region, maxScale);
        var homography = Projective.Multiply(focused.FromWorking, toWorking);
        return (focused, homography);
    }
}
