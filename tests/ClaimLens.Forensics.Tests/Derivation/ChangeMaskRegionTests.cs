using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class ChangeMaskRegionTests
{
    [Theory]
    [InlineData(1, new[] { 5, 5 })] // one block in the middle
    [InlineData(2, new[] { 0, 0, 9, 6, 4, 2, 4, 3 })] // corners (the box meets the picture's edge) and a pair
    [InlineData(3, new int[0])] // no unexplained block: nothing to test
    public void ChromaChange_BoxAroundTheBlockMask_EqualsTheWholePictureInsideTheMask(int seed, int[] blocks)
    {
        // Noisy chroma planes with a strong local departure, so the threshold cuts through blurred values
        // everywhere; the block mask is what UnexplainedBlocks gives (16 px blocks, grown by one).
        const int bs = 16, columns = 10, rows = 7;
        var size = new Size(columns * bs, rows * bs);
        var rng = new Random(seed);
        Mat Plane(double spread)
        {
            var values = new float[size.Width * size.Height];
            for (var i = 0; i < values.Length; i++)
                values[i] = (float)(128 + spread * (rng.NextDouble() - 0.5));
            var plane = new Mat(size, MatType.CV_32FC1);
            plane.SetArray(values);
            return plane;
        }
        Mat[] claim = [Plane(0), Plane(12), Plane(12)];
        Mat[] reference = [Plane(0), Plane(12), Plane(12)];
        Cv2.Rectangle(claim[1], new Rect(70, 40, 30, 20), Scalar.All(200), -1);
        using var grid = new Mat(rows, columns, MatType.CV_8UC1, Scalar.All(0));
        for (var i = 0; i + 1 < blocks.Length; i += 2)
            grid.Set(blocks[i + 1], blocks[i], (byte)255);
        using var grown = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
        Cv2.Dilate(grid, grown, kernel);
        using var blockMask = new Mat();
        Cv2.Resize(grown, blockMask, size, 0, 0, InterpolationFlags.Nearest);
        double[] gainOffset = [1.05, 0.02, 0.95, -0.01];
        // The threshold (16 x this) sits at the typical blurred squared difference (~27), so a value changed by a
        // border effect flips the test often.
        const double chromaNoise = 1.7;
        try
        {
            using var whole = ChangeMask.ChromaChange(claim, reference, gainOffset, chromaNoise, new Rect(0, 0, size.Width, size.Height));
            using var boxed = ChangeMask.ChromaChange(claim, reference, gainOffset, chromaNoise, ChangeMask.ChromaRegion(blockMask));
            Cv2.BitwiseAnd(whole, blockMask, whole);
            Cv2.BitwiseAnd(boxed, blockMask, boxed);

            using var difference = new Mat();
            Cv2.Compare(whole, boxed, difference, CmpTypes.NE);
            Assert.Equal(0, Cv2.CountNonZero(difference));
            Assert.Equal(blocks.Length == 0, Cv2.CountNonZero(whole) == 0);
        }
        finally
        {
            foreach (var m in claim.Concat(reference))
                m.Dispose();
        }
    }

    [Fact]
    public void DropSpecks_OnTheRegionHoldingEveryPixel_EqualsTheWholeMask()
    {
        // Specks and blobs of every size from 1 to ~60 px (minimum 12 kept), touching each other diagonally, all
        // inside one box away from the edges: labelling the box alone must keep and drop the same pixels.
        var rng = new Random(5);
        using var whole = new Mat(120, 160, MatType.CV_8UC1, Scalar.All(0));
        var box = new Rect(30, 20, 90, 70);
        for (var i = 0; i < 60; i++)
        {
            var (w, h) = (1 + rng.Next(8), 1 + rng.Next(8));
            Cv2.Rectangle(whole, new Rect(box.X + rng.Next(box.Width - w), box.Y + rng.Next(box.Height - h), w, h), Scalar.All(255), -1);
        }
        using var boxed = whole.Clone();
        var before = Cv2.CountNonZero(whole);

        ChangeMask.DropSpecks(whole, 12);
        using (var view = new Mat(boxed, box))
            ChangeMask.DropSpecks(view, 12);

        using var difference = new Mat();
        Cv2.Compare(whole, boxed, difference, CmpTypes.NE);
        Assert.Equal(0, Cv2.CountNonZero(difference));
        Assert.InRange(Cv2.CountNonZero(whole), 1, before - 1);
    }
}
