using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A reference refined to sub-pixel alignment and resampled into the claim's analysis frame.</summary>
internal sealed class AlignedReference : IDisposable
{
    // Gauss-Newton (HomographyRefiner) on a copy of the claim halved to a long side of at least 200 px, then
    // at least 400 px: the coarse pass widens the basin, the fine pass gives the precision the 0.3 px
    // local-shift test needs (synthetic warps: < 0.03 px).
    // It replaced OpenCV's ECC at 400 px, which cost 110-160 ms per call here almost regardless of the iteration
    // count, with a long tail (up to ~0.9 s) on claims that did not converge.
    private static readonly (int MinLongSide, int Iterations)[] RefineLevels = [(200, 6), (400, 5)];

    // Gauss-Newton stops when a step moves no corner further than this (working-level pixels).
    private const double Tolerance = 0.01;

    // A refinement that moves a corner further than this (analysis pixels) diverged; keep the feature fit.
    private const double MaxRefinementShift = 6;

    private AlignedReference(Mat planes, Mat valid, double[] homography, bool refined, double refineMs)
    {
        RefineMs = refineMs;
        Planes = planes;
        Valid = valid;
        Homography = homography;
        Refined = refined;
    }

    /// <summary>CV_32FC3 (Y, Cr, Cb) of the reference in the claim's analysis frame.</summary>
    public Mat Planes { get; }

    /// <summary>8UC1, 255 where the reference covers the claim pixel with a full interpolation footprint.</summary>
    public Mat Valid { get; }

    /// <summary>Reference analysis coordinates to claim analysis coordinates, after refinement.</summary>
    public double[] Homography { get; }

    public bool Refined { get; }

    /// <summary>Time spent in the sub-pixel refinement, milliseconds.</summary>
    public double RefineMs { get; }

    // refine: false when the homography is exact already (a whole-pixel move).
    public static AlignedReference Create(ReferenceImage reference, double[] homography, AnalysisImage claim, bool refine = true)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var h = homography;
        var refined = false;
        foreach (var (minLongSide, iterations) in refine ? RefineLevels : [])
        {
            var (next, ok) = Refine(reference, h, claim, minLongSide, iterations);
            if (!ok)
                break;
            (h, refined) = (next, true);
        }
        if (refined && MaxCornerShift(homography, h, reference.Analysis.Width, reference.Analysis.Height) > MaxRefinementShift)
            (h, refined) = (homography, false);
        var refineMs = clock.Elapsed.TotalMilliseconds;
        var refCentre = (reference.Analysis.Width / 2.0, reference.Analysis.Height / 2.0);
        var scale = Projective.LocalScale(h, refCentre.Item1, refCentre.Item2);
        // A claim smaller than the reference was area-averaged (phone resize, screenshot, analysis reduction):
        // area-average the reference to the same scale, so it is never blurrier than the claim (the copy
        // model can blur, not sharpen) and the warp neither aliases nor blurs much.
        using var resized = new Mat();
        var source = reference.Analysis.Planes;
        var toSource = Projective.Resize(1, 1);
        if (scale is > 0.02 and < 0.95)
        {
            var w = Math.Max(8, (int)Math.Round(reference.Analysis.Width * scale));
            var hgt = Math.Max(8, (int)Math.Round(reference.Analysis.Height * scale));
            Cv2.Resize(source, resized, new Size(w, hgt), 0, 0, InterpolationFlags.Area);
            source = resized;
            toSource = Projective.Resize((double)w / reference.Analysis.Width, (double)hgt / reference.Analysis.Height);
        }
        var fromLevel = Projective.Multiply(h, Projective.Invert(toSource)!);
        var size = new Size(claim.Width, claim.Height);
        // Cv2.WarpPerspective's bilinear warp and its nearest warp of a white picture, bit for bit, in a fraction of the time.
        var toLevel = PerspectiveWarp.InverseMap(fromLevel);
        var planes = PerspectiveWarp.Linear(source, toLevel, size, BorderTypes.Constant);
        var valid = PerspectiveWarp.Footprint(source.Size(), toLevel, size);
        return new AlignedReference(planes, Inner(valid), h, refined, refineMs);
    }

    /// <summary>A reference already resampled into the claim's analysis frame by <paramref name="homography"/>
    /// (see <see cref="WholePixelMove"/>); takes ownership of both mats.</summary>
    /// <param name="planes">CV_32FC3 (Y, Cr, Cb) in the claim's analysis frame.</param>
    /// <param name="covered">8UC1, 255 where the reference covers the claim pixel.</param>
    /// <param name="homography">Reference analysis coordinates to claim analysis coordinates.</param>
    public static AlignedReference FromPlanes(Mat planes, Mat covered, double[] homography) =>
        new(planes, Inner(covered), homography, false, 0);

    // Filters and pyramids reflect at borders: the picture's outer frame and the reference's edge are not comparable
    // pixel for pixel.
    private static Mat Inner(Mat valid)
    {
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 9));
        Cv2.Erode(valid, valid, kernel);
        Cv2.Rectangle(valid, new Rect(0, 0, valid.Width, valid.Height), Scalar.All(0), 4);
        return valid;
    }

    /// <summary>Pyramid level whose resolution is nearest the claim's, so warping neither aliases nor blurs much.</summary>
    internal static int Level(double scale, int levels)
    {
        if (!(scale > 0))
            return 0;
        var level = (int)Math.Round(Math.Log2(1 / scale));
        return Math.Clamp(level, 0, levels - 1);
    }

    private static (double[] H, bool Refined) Refine(ReferenceImage reference, double[] h, AnalysisImage claim, int minLongSide, int iterations)
    {
        // Halve the claim (pyrDown, as the reference's pyramid was made) while its long side stays at least
        // minLongSide: an area resize by another factor did not match the reference's levels and left a
        // systematic 0.05 px error.
        var halvings = 0;
        while (halvings < 4 && Math.Max(claim.Width, claim.Height) >> (halvings + 1) >= minLongSide)
            halvings++;
        using var template = new Mat();
        claim.Gray.ConvertTo(template, MatType.CV_32FC1);
        for (var i = 0; i < halvings; i++)
            Cv2.PyrDown(template, template);
        if (template.Width < 24 || template.Height < 24)
            return (h, false);
        var scale = Projective.LocalScale(h, reference.Analysis.Width / 2.0, reference.Analysis.Height / 2.0);
        var level = Level(scale * Math.Pow(0.5, halvings), reference.Pyramid.Count);

        var toSmall = Projective.PyrDown(halvings);
        var fromSmall = Projective.Invert(toSmall)!;
        var hInverse = Projective.Invert(h);
        if (hInverse is null)
            return (h, false);
        // The refined warp maps template (claim, small) coordinates to input (reference level) coordinates.
        var warp = Projective.Normalized(Projective.Multiply(Projective.PyrDown(level),
            Projective.Multiply(hInverse, fromSmall)));
        using var input = new Mat();
        Cv2.ExtractChannel(reference.Pyramid[level], input, 0);
        var refinedWarp = HomographyRefiner.Refine(template, input, warp, iterations, Tolerance);
        if (refinedWarp is null)
            return (h, false);
        var refinedInverse = Projective.Invert(refinedWarp);
        if (refinedInverse is null)
            return (h, false);
        var refined = Projective.Normalized(Projective.Multiply(fromSmall,
            Projective.Multiply(refinedInverse, Projective.PyrDown(level))));
        return MaxCornerShift(h, refined, reference.Analysis.Width, reference.Analysis.Height) <= MaxRefinementShift
            ? (refined, true)
            : (h, false);
    }

    internal static double MaxCornerShift(double[] a, double[] b, int width, int height)
    {
        double max = 0;
        foreach (var (x, y) in new[] { (0.0, 0.0), (width, 0.0), (width, height), (0.0, height), (width / 2.0, height / 2.0) })
        {
            var (ax, ay) = Apply(a, x, y);
            var (bx, by) = Apply(b, x, y);
            max = Math.Max(max, Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by)));
        }
        return double.IsFinite(max) ? max : double.MaxValue;
    }

    internal static (double X, double Y) Apply(double[] h, double x, double y)
    {
        var w = h[6] * x + h[7] * y + h[8];
        return ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
    }

    public void Dispose()
    {
        Planes.Dispose();
        Valid.Dispose();
    }
}
