using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class WholePixelMoveTests
{
    [Fact]
    public void Align_CropOfAReferenceHeldAtHalfSize_IsTheCropPixelForPixel()
    {
        // A 2,400 px listing is held at half size (a 1/2 JPEG decode); the buyer's crop at an odd offset is 1,600 px,
        // decoded whole. Warping the reference's analysis image cannot give the crop back exactly; moving the
        // reference's own pixels can: the two differ by the crop's compression alone.
        using var scene = Scenes.Create(41, 2400, 1800);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(scene, 95), "listing.jpg");
        Assert.Equal(2, reference.Image.Reduction);
        using var cropView = new Mat(scene, new Rect(51, 113, 1601, 1203));
        using var claim = ImageLoader.Load(Scenes.Jpeg(cropView, 95));
        Assert.Equal(1, claim.Reduction);
        using var view = AnalysisImage.Create(claim.Bgr);
        var move = Move([1, 0, -51, 0, 1, -113, 0, 0, 1], claim, view, reference);

        using var exact = move.Align(reference, claim, view);
        using var warped = AlignedReference.Create(reference, move.Analysis, view, refine: false);

        var exactDifference = MeanLumaDifference(exact, view);
        var warpedDifference = MeanLumaDifference(warped, view);
        Assert.True(exactDifference < 0.5, $"exactly moved reference differs from the crop by {exactDifference:F3} grey levels");
        Assert.True(exactDifference < warpedDifference / 2, $"exact {exactDifference:F3} vs warped {warpedDifference:F3}");
    }

    [Fact]
    public void Align_MirrorOfAPictureBothDecodedAtHalfSize_MovesTheHalfSizeCells()
    {
        using var scene = Scenes.Create(42, 2400, 1800);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(scene, 95), "listing.jpg");
        using var mirrored = new Mat();
        Cv2.Flip(scene, mirrored, FlipMode.Y);
        using var claim = ImageLoader.Load(Scenes.Jpeg(mirrored, 95));
        Assert.Equal(2, claim.Reduction);
        using var view = AnalysisImage.Create(claim.Bgr);
        var move = Move([-1, 0, 2399, 0, 1, 0, 0, 0, 1], claim, view, reference);
        Assert.Equal([-1, 0, 1199, 0, 1, 0], move.WorkingMove(2)!);

        using var exact = move.Align(reference, claim, view);

        var difference = MeanLumaDifference(exact, view);
        Assert.True(difference < 0.5, $"exactly mirrored reference differs from the claim by {difference:F3} grey levels");
    }

    [Theory]
    [InlineData(1, 0, 6, 2, true)]   // a shift by whole cells
    [InlineData(1, 0, 7, 2, false)]  // half a cell
    [InlineData(-1, 0, 2399, 2, true)] // a mirror ending on a cell boundary
    [InlineData(-1, 0, 2398, 2, false)]
    [InlineData(1, 0, -8, 4, true)]
    [InlineData(1, 0, -6, 4, false)]
    public void WorkingMove_KeepsOnlyMovesThatMapDecodeCellsOntoCells(double a, double b, double shift, int k, bool kept)
    {
        var move = new WholePixelMove([a, b, shift, 0, 1, 0, 0, 0, 1], Projective.Identity);

        Assert.Equal(kept, move.WorkingMove(k) is not null);
    }

    [Fact]
    public void Near_FitAFewTenthsOfAPixelOffACrop_FindsTheCropsWholeShift()
    {
        using var scene = Scenes.Create(43, 1600, 1200);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(scene, 95), "listing.jpg");
        using var cropView = new Mat(scene, new Rect(37, 90, 1131, 849));
        using var claim = ImageLoader.Load(Scenes.Jpeg(cropView, 95));
        using var view = AnalysisImage.Create(claim.Bgr);
        var truth = Move([1, 0, -37, 0, 1, -90, 0, 0, 1], claim, view, reference);
        // The fit: 0.2 % too large about the claim's centre and 0.6 analysis pixels down.
        var (cx, cy) = (view.Width / 2.0, view.Height / 2.0);
        double[] off = [1.002, 0, (-0.002 * cx) + 0.1, 0, 1.002, (-0.002 * cy) + 0.6, 0, 0, 1];
        var fitted = Projective.Multiply(off, truth.Analysis);

        var found = WholePixelMove.Near(fitted, claim, view, reference);

        Assert.NotNull(found);
        Assert.Equal([1, 0, -37, 0, 1, -90, 0, 0, 1], found.Full);
    }

    [Fact]
    public void WholeResize_QuarterSizeCopyFittedAFewPerCentOff_IsTheExactResize()
    {
        // A 2,048 × 1,365 listing resized to 512 × 341 (the dev set's Nikon D3100 row): its fit was 3.6 % large and
        // 7 px off at a corner.
        double[] fit = [0.259, -0.00047, -6.09, 0.0018, 0.2538, -2.63, 1.29e-5, 0, 1];

        var resize = WholePixelMove.WholeResize(fit, 2048, 1365, 512, 341);

        Assert.NotNull(resize);
        Assert.Equal(Projective.Resize(512 / 2048.0, 341 / 1365.0), resize);
    }

    [Fact]
    public void WholeResize_HalfSizeOfAQuarterTurn_FindsTheTurn()
    {
        // Turned clockwise (x' = 1364 - y, y' = x), then halved to 683 × 1024.
        double[] turn = [0, -1, 1364, 1, 0, 0, 0, 0, 1];
        var truth = Projective.Multiply(Projective.Resize(683 / 1365.0, 1024 / 2048.0), turn);

        var resize = WholePixelMove.WholeResize(truth, 2048, 1365, 683, 1024);

        Assert.Equal(truth, resize);
    }

    [Fact]
    public void WholeResize_CropNotTheWholePicture_IsNull()
    {
        // Half the picture resized: the corners do not meet the claim's.
        var crop = Projective.Multiply(Projective.Resize(0.5, 0.5), [1, 0, -512, 0, 1, -300, 0, 0, 1]);

        Assert.Null(WholePixelMove.WholeResize(crop, 2048, 1536, 512, 384));
    }

    [Fact]
    public void Align_QuarterSizeCopy_IsTheReferenceResizedAsThePhoneDid()
    {
        using var scene = Scenes.Create(44, 2048, 1536);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(scene, 95), "listing.jpg");
        using var small = new Mat();
        Cv2.Resize(scene, small, new Size(512, 384), 0, 0, InterpolationFlags.Area);
        using var claim = ImageLoader.Load(Scenes.Jpeg(small, 95));
        using var view = AnalysisImage.Create(claim.Bgr);
        var resize = Projective.Resize(0.25, 0.25);
        var (toClaimFull, fromReferenceFull) = WholePixelMove.Frames(claim, view, reference);
        var analysis = Projective.Multiply(Projective.Invert(toClaimFull)!, Projective.Multiply(resize, Projective.Invert(fromReferenceFull)!));
        var move = new WholePixelMove(resize, analysis, Resized: true);

        // What the comparison had before: the fit, here 1 % large about the claim's centre.
        var (cx, cy) = (view.Width / 2.0, view.Height / 2.0);
        var fit = Projective.Multiply([1.01, 0, -0.01 * cx, 0, 1.01, -0.01 * cy, 0, 0, 1], analysis);

        using var exact = move.Align(reference, claim, view);
        using var fitted = AlignedReference.Create(reference, fit, view, refine: false);
        using var ideal = AlignedReference.Create(reference, analysis, view, refine: false);

        var exactDifference = MeanLumaDifference(exact, view);
        Assert.True(exactDifference < MeanLumaDifference(fitted, view) / 2, $"exact {exactDifference:F3} vs fitted {MeanLumaDifference(fitted, view):F3}");
        // Resampled as the phone did, it is at least as close as the ideal warp of the reference's analysis image.
        Assert.True(exactDifference <= MeanLumaDifference(ideal, view) + 0.02, $"exact {exactDifference:F3} vs ideal warp {MeanLumaDifference(ideal, view):F3}");
    }

    private static WholePixelMove Move(double[] full, DecodedImage claim, AnalysisImage view, ReferenceImage reference)
    {
        var (toClaimFull, fromReferenceFull) = WholePixelMove.Frames(claim, view, reference);
        var analysis = Projective.Multiply(Projective.Invert(toClaimFull)!, Projective.Multiply(full, Projective.Invert(fromReferenceFull)!));
        return new WholePixelMove(full, Projective.Normalized(analysis));
    }

    private static double MeanLumaDifference(AlignedReference aligned, AnalysisImage view)
    {
        using var a = new Mat();
        using var b = new Mat();
        Cv2.ExtractChannel(aligned.Planes, a, 0);
        Cv2.ExtractChannel(view.Planes, b, 0);
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        Assert.True(Cv2.CountNonZero(aligned.Valid) > view.Width * view.Height / 2, "the aligned reference covers most of the claim");
        return Cv2.Mean(difference, aligned.Valid).Val0;
    }
}
