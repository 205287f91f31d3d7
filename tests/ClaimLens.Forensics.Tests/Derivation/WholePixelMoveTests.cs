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
