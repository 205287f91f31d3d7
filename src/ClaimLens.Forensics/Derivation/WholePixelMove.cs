using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A phone's quarter-turn rotation, mirror and crop move whole pixels of the full-resolution picture. Fitted
/// through two analysis resamplings, such a move comes out slightly off (a 0.07 % scale error drifts 1.5 px across a
/// 2,048 px claim; a 0.2° tilt on a claim with little texture), enough to bury the reference's noise in the residual.
/// When the fitted map is near a whole-pixel move, the exact move is one more hypothesis for the same pixel tests,
/// which a new photograph fails just as it fails the fitted one.</summary>
/// <param name="Full">Reference full-resolution pixels to claim full-resolution pixels: a signed permutation and a
/// whole shift.</param>
/// <param name="Analysis">The same move from reference analysis pixels to claim analysis pixels.</param>
/// <param name="Resized">The move is the whole reference, turned or mirrored, resized to the whole claim (a phone's
/// "resize" or a platform's downscale): <paramref name="Full"/> then scales instead of shifting whole pixels.</param>
internal sealed record WholePixelMove(double[] Full, double[] Analysis, bool Resized = false)
{
    // Within 5 % of a whole-pixel move in scale, rotation and perspective (0.5 % until session 5: a smooth photo
    // with 25-98 features was fitted 0.3-2.5 % off).
    private const double Tolerance = 0.05;

    // Analysis pixels (at the worst corner) the exact move must differ from the fit by to be worth a second comparison.
    private const double MinCorrection = 0.25;

    // Claim analysis pixels per reference analysis pixel above which the exact comparison is worth its decode.
    private const double MinDetailGain = 1.1;

    // Whole-pixel steps the shift search may walk from where phase correlation put it.
    private const int MaxSearchSteps = 4;

    // Phase correlation below this peak response is noise, not a shift.
    private const double MinShiftResponse = 0.1;

    /// <summary>The whole-pixel move nearest the fitted <paramref name="h"/> (reference analysis to claim analysis
    /// pixels), or null when the fit is no such move or already is one.</summary>
    public static WholePixelMove? Near(double[] h, DecodedImage claim, AnalysisImage view, ReferenceImage reference)
    {
        var (toClaimFull, fromReferenceFull) = Frames(claim, view, reference);
        var full = Projective.Multiply(toClaimFull, Projective.Multiply(h, fromReferenceFull));
        if (Projective.Invert(toClaimFull) is not { } fromClaimFull || Projective.Invert(fromReferenceFull) is not { } toReferenceFull)
            return null;
        WholePixelMove At(double[] m, bool resized = false) =>
            new(m, Projective.Normalized(Projective.Multiply(fromClaimFull, Projective.Multiply(m, toReferenceFull))), resized);
        var (width, height) = (reference.Image.Width, reference.Image.Height);
        if (Projective.NearestPixelMove(full, Tolerance, width, height) is not { } move)
        {
            return WholeResize(full, width, height, claim.Width, claim.Height) is { } resize ? At(resize, resized: true) : null;
        }
        var best = At(move);
        // The move's shift was read off the fit at the centre; a fit a few per cent off (a smooth picture with few
        // features) puts it pixels away. Phase correlation of the reference moved by the snapped linear part against
        // the claim measures what is left, but its sub-pixel part is not to be trusted to half a pixel (a crop's 8 × 8
        // JPEG grids and the two resamplings bias it: 0.48 and 0.89 analysis pixels measured on correct crops). So
        // the search starts at its nearest whole shift and walks to whichever neighbouring whole shift the pixels
        // agree with better, until none does.
        var (dx, dy) = (0.0, 0.0);
        if (ResidualShift(best.Analysis, view, reference) is { } shift)
        {
            var shifted = Projective.Multiply(toClaimFull, [1, 0, shift.X, 0, 1, shift.Y, 0, 0, 1]);
            dx = Math.Round(shifted[2] / shifted[8] - toClaimFull[2] / toClaimFull[8]);
            dy = Math.Round(shifted[5] / shifted[8] - toClaimFull[5] / toClaimFull[8]);
        }
        WholePixelMove Shifted(double x, double y) => At(Projective.Multiply([1, 0, x, 0, 1, y, 0, 0, 1], move));
        best = Shifted(dx, dy);
        var lowest = MeanDifference(best.Analysis, view, reference);
        for (var step = 0; step < MaxSearchSteps; step++)
        {
            var (bx, by) = (dx, dy);
            foreach (var (x, y) in new[] { (bx - 1, by), (bx + 1, by), (bx, by - 1), (bx, by + 1) })
            {
                var candidate = Shifted(x, y);
                var difference = MeanDifference(candidate.Analysis, view, reference);
                if (difference < lowest)
                    (best, lowest, dx, dy) = (candidate, difference, x, y);
            }
            if ((dx, dy) == (bx, by))
                break;
        }
        // A fit this close to the move already was the move: comparing again would only repeat the verdict, unless the
        // claim's analysis image is finer than the reference's (a crop of a large listing held at a 1/4 decode): the
        // reference's own pixels then bring the detail its analysis image lacks (a crop of a 4,288 px listing with a
        // painted disc: residual ratio 1.83 against the upsampled analysis image).
        var finer = Projective.LocalScale(best.Analysis, reference.Analysis.Width / 2.0, reference.Analysis.Height / 2.0) > MinDetailGain;
        return finer || AlignedReference.MaxCornerShift(h, best.Analysis, reference.Analysis.Width, reference.Analysis.Height) >= MinCorrection
            ? best
            : null;
    }

    /// <summary>The reference moved into the claim's analysis frame. Where it can, the reference's pixels are moved
    /// exactly at the claim's own decode resolution and then reduced to analysis size as the claim was, so a copy
    /// differs from the claim by its compression alone: no interpolation blur, no sub-pixel error (warping the
    /// reference's analysis image instead left a cropped copy 0.2-0.5 px of apparent local shift and a curved residual
    /// field, and vetoed it). Otherwise the reference's analysis image is warped by the move.</summary>
    public AlignedReference Align(ReferenceImage reference, DecodedImage claim, AnalysisImage view)
    {
        if (Resized)
            return ResizedCopy(reference, claim, view) ?? AlignedReference.Create(reference, Analysis, view, refine: false);
        if (claim.Reduction is { } k && WorkingMove(k) is { } move)
        {
            var held = reference.Image.Reduction == k;
            using var decoded = held || (double)reference.Image.Width * reference.Image.Height / (k * k) > MaxRedecodePixels
                ? null
                : reference.DecodeReduced(k);
            if ((held ? reference.Image.Bgr : decoded?.Bgr) is { } pixels)
                return Resampled(pixels, move, claim, view);
        }
        return AlignedReference.Create(reference, Analysis, view, refine: false);
    }

    // The largest reference decode the exact comparison pays for (3 bytes a pixel; the engine's budget is 300 MB).
    private const double MaxRedecodePixels = 16e6;

    // The move between the 1/k decodes of the two pictures, as a 2 x 3 affine, when it maps the reference's k x k
    // decode cells onto the claim's (a plain shift by a multiple of k; a mirrored axis ending on a cell boundary).
    internal double[]? WorkingMove(int k)
    {
        var working = new double[6];
        for (var row = 0; row < 2; row++)
        {
            var shift = (long)Full[(row * 3) + 2];
            for (var col = 0; col < 2; col++)
                working[(row * 3) + col] = Full[(row * 3) + col];
            var sign = Full[row * 3] + Full[(row * 3) + 1];
            var edge = sign > 0 ? shift : shift + 1;
            if (edge % k != 0)
                return null;
            working[(row * 3) + 2] = sign > 0 ? shift / k : (edge / k) - 1;
        }
        return working;
    }

    private AlignedReference Resampled(Mat reference, double[] move, DecodedImage claim, AnalysisImage view)
    {
        using var affine = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
            affine.Set(i / 3, i % 3, move[i]);
        // Whole coefficients: nearest-neighbour warping moves pixels without touching their values.
        using var moved = new Mat();
        Cv2.WarpAffine(reference, moved, affine, claim.Bgr.Size(), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        using var ones = new Mat(reference.Size(), MatType.CV_8UC1, Scalar.All(255));
        using var covered = new Mat();
        Cv2.WarpAffine(ones, covered, affine, claim.Bgr.Size(), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        using var analysis = AnalysisImage.Like(moved, view);
        using var coveredView = new Mat(covered, view.Region);
        var valid = new Mat();
        Cv2.Resize(coveredView, valid, view.Planes.Size(), 0, 0, InterpolationFlags.Area);
        // Only analysis pixels made wholly of reference pixels compare.
        Cv2.Threshold(valid, valid, 254, 255, ThresholdTypes.Binary);
        return AlignedReference.FromPlanes(analysis.Planes.Clone(), valid, Analysis);
    }

    // A resize keeps the picture's proportions to the rounding of its new size.
    private const double MaxAspectChange = 0.01;

    // How far (a share of the claim's diagonal) the fit may be from the whole-picture resize at the worst corner: as
    // loose as the whole-pixel moves' 5 % (a smooth quarter-size copy was fitted 3.6 % large, 7 px off at a corner).
    private const double ResizeTolerance = 0.04;

    /// <summary>The resize of the whole reference (turned or mirrored first, by any of the eight quarter turns and
    /// mirrors) onto the whole claim, pixel centres to pixel centres, that <paramref name="full"/> is nearest; null
    /// when the fit is not near one.</summary>
    internal static double[]? WholeResize(double[] full, int width, int height, int claimWidth, int claimHeight)
    {
        double[]? best = null;
        var nearest = ResizeTolerance * Math.Sqrt(((double)claimWidth * claimWidth) + ((double)claimHeight * claimHeight));
        foreach (var (a, b, c, d) in Turns)
        {
            // The turned reference's size, and the turn as a map onto it.
            var (w, h) = a != 0 ? (width, height) : (height, width);
            double[] turn = [a, b, (a < 0 ? width - 1 : 0) + (b < 0 ? height - 1 : 0), c, d, (c < 0 ? width - 1 : 0) + (d < 0 ? height - 1 : 0), 0, 0, 1];
            var (sx, sy) = ((double)claimWidth / w, (double)claimHeight / h);
            if (Math.Abs((sx / sy) - 1) > MaxAspectChange)
                continue;
            var candidate = Projective.Multiply(Projective.Resize(sx, sy), turn);
            var distance = AlignedReference.MaxCornerShift(full, candidate, width - 1, height - 1);
            if (distance <= nearest)
                (best, nearest) = (candidate, distance);
        }
        return best;
    }

    private static readonly (int A, int B, int C, int D)[] Turns =
        [(1, 0, 0, 1), (-1, 0, 0, 1), (1, 0, 0, -1), (-1, 0, 0, -1), (0, 1, 1, 0), (0, -1, 1, 0), (0, 1, -1, 0), (0, -1, -1, 0)];

    // The whole reference resized to the claim as a phone resizes (area averaging), then turned as the claim was, then
    // reduced as the claim's decode and analysis image were. Resized from the held working image when the claim is no
    // larger (an area reduction from a 1/k decode is the area reduction from full size, to rounding), else from a full
    // decode; null when neither can be had.
    private AlignedReference? ResizedCopy(ReferenceImage reference, DecodedImage claim, AnalysisImage view)
    {
        var swapped = Full[0] == 0;
        var size = swapped ? new Size(claim.Height, claim.Width) : new Size(claim.Width, claim.Height);
        var image = reference.Image;
        var fromHeld = size.Width <= image.Bgr.Width && size.Height <= image.Bgr.Height;
        using var decoded = fromHeld || (double)image.Width * image.Height > MaxRedecodePixels ? null : reference.DecodeReduced(1);
        if ((fromHeld ? image.Bgr : decoded?.Bgr) is not { } pixels || size.Width > pixels.Width || size.Height > pixels.Height)
            return null;
        using var resized = new Mat();
        Cv2.Resize(pixels, resized, size, 0, 0, InterpolationFlags.Area);
        var (a, b, c, d) = (Math.Sign(Full[0]), Math.Sign(Full[1]), Math.Sign(Full[3]), Math.Sign(Full[4]));
        double[] turn = [a, b, (a < 0 ? size.Width - 1 : 0) + (b < 0 ? size.Height - 1 : 0), c, d, (c < 0 ? size.Width - 1 : 0) + (d < 0 ? size.Height - 1 : 0)];
        using var affine = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
            affine.Set(i / 3, i % 3, turn[i]);
        using var turned = new Mat();
        Cv2.WarpAffine(resized, turned, affine, new Size(claim.Width, claim.Height), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        if (claim.Bgr.Size() != turned.Size())
            Cv2.Resize(turned, turned, claim.Bgr.Size(), 0, 0, InterpolationFlags.Area);
        using var analysis = AnalysisImage.Like(turned, view);
        var covered = new Mat(view.Planes.Size(), MatType.CV_8UC1, Scalar.All(255));
        return AlignedReference.FromPlanes(analysis.Planes.Clone(), covered, Analysis);
    }

    // The shift (claim analysis pixels) that best lays the reference, moved by h, on the claim; null when unclear.
    private static Point2d? ResidualShift(double[] h, AnalysisImage view, ReferenceImage reference)
    {
        using var warped = Warp(h, view, reference);
        using var a = new Mat();
        using var b = new Mat();
        warped.ConvertTo(a, MatType.CV_32FC1);
        view.Gray.ConvertTo(b, MatType.CV_32FC1);
        using var window = new Mat();
        Cv2.CreateHanningWindow(window, a.Size(), MatType.CV_32FC1);
        var shift = Cv2.PhaseCorrelate(a, b, window, out var response);
        return response >= MinShiftResponse && Math.Abs(shift.X) < view.Width / 4.0 && Math.Abs(shift.Y) < view.Height / 4.0 ? shift : null;
    }

    // Mean absolute grey difference between the claim and the reference moved by h, over the claim's inner half
    // (away from borders the warp reflects): which of a few whole shifts the pixels agree with.
    private static double MeanDifference(double[] h, AnalysisImage view, ReferenceImage reference)
    {
        using var warped = Warp(h, view, reference);
        var inner = new Rect(view.Width / 4, view.Height / 4, Math.Max(1, view.Width / 2), Math.Max(1, view.Height / 2));
        using var a = new Mat(warped, inner);
        using var b = new Mat(view.Gray, inner);
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        return Cv2.Mean(difference).Val0;
    }

    private static Mat Warp(double[] h, AnalysisImage view, ReferenceImage reference)
    {
        using var hm = Projective.ToMat(h, MatType.CV_64FC1);
        var warped = new Mat();
        Cv2.WarpPerspective(reference.Analysis.Gray, warped, hm, new Size(view.Width, view.Height), InterpolationFlags.Linear, BorderTypes.Reflect101);
        return warped;
    }

    /// <summary>Claim analysis -> claim full resolution, and reference full resolution -> reference analysis.</summary>
    internal static (double[] ToClaimFull, double[] FromReferenceFull) Frames(DecodedImage claim, AnalysisImage analysis, ReferenceImage reference)
    {
        var claimWorking = Projective.Invert(analysis.FromWorking)!;
        var referenceWorking = Projective.Invert(reference.Image.ToFull)!;
        return (Projective.Multiply(claim.ToFull, claimWorking), Projective.Multiply(reference.Analysis.FromWorking, referenceWorking));
    }
}
