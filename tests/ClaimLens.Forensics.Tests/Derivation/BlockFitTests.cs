using System.Runtime.InteropServices;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class BlockFitTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void Compute_TwoScenes_EqualsTheProductImagesAreaReducedOneByOne(int blockSize)
    {
        // Sizes that are not whole blocks, a partly covered reference and a different scene as the "claim".
        using var claim = Planes(Scenes.Create(7, 333, 250));
        using var reference = Planes(Scenes.Create(8, 333, 250));
        using var valid = new Mat(250, 333, MatType.CV_8UC1, Scalar.All(255));
        Cv2.Rectangle(valid, new Rect(0, 0, 90, 250), Scalar.All(0), -1);

        var fit = BlockFit.Compute(claim, reference, valid, blockSize);

        var roi = new Rect(0, 0, fit.Columns * blockSize, fit.Rows * blockSize);
        using var claimRoi = new Mat(claim, roi);
        using var refRoi = new Mat(reference, roi);
        var c = claimRoi.Split().Select(BlockFit.Scaled).ToArray();
        var r = refRoi.Split();
        var smooth = BlockFit.SmoothBases(r[0]);
        Mat[] u = [.. smooth, BlockFit.Quadratic(smooth[0])];
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(u[1], gx, MatType.CV_32FC1, 1, 0, 3, 0.125);
        Cv2.Sobel(u[1], gy, MatType.CV_32FC1, 0, 1, 3, 0.125);
        var grid = new Size(fit.Columns, fit.Rows);
        var checkedValues = 0;
        void Expect(double[] actual, int offset, int stride, Mat a, Mat? b = null)
        {
            var expected = Mean(a, b, grid);
            for (var i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], actual[i * stride + offset], 1e-5);
            checkedValues += expected.Length;
        }
        for (var a = 0; a < 4; a++)
        {
            for (var b = 0; b < 4; b++)
                Expect(fit.BasisProducts, a * 5 + b, 25, u[a], u[b]);
            Expect(fit.BasisProducts, a * 5 + 4, 25, u[a]);
            Expect(fit.ClaimProducts, a, 5, c[0], u[a]);
            Expect(fit.GradientBasis, a, 10, gx, u[a]);
            Expect(fit.GradientBasis, 5 + a, 10, gy, u[a]);
        }
        Expect(fit.ClaimProducts, 4, 5, c[0]);
        Expect(fit.ClaimSquare, 0, 1, c[0], c[0]);
        Expect(fit.ClaimGradient, 1, 2, c[0], gy);
        Expect(fit.GradientGram, 1, 3, gx, gy);
        using var rCr = BlockFit.Scaled(r[1]);
        Expect(fit.Chroma, 4, 10, c[1], rCr);
        Assert.Equal(37 * fit.Count, checkedValues);
        Assert.Contains(fit.Valid, v => v);
        Assert.Contains(fit.Valid, v => !v);
        Assert.False(fit.Valid[0]);
        foreach (var m in c.Concat(r).Concat(u))
            m.Dispose();
    }

    private static double[] Mean(Mat a, Mat? b, Size grid)
    {
        using var product = new Mat();
        if (b is null)
            a.CopyTo(product);
        else
            Cv2.Multiply(a, b, product);
        using var mean = new Mat();
        Cv2.Resize(product, mean, grid, 0, 0, InterpolationFlags.Area);
        var values = new float[grid.Width * grid.Height];
        Marshal.Copy(mean.Data, values, 0, values.Length);
        return Array.ConvertAll(values, v => (double)v);
    }

    private static Mat Planes(Mat bgr)
    {
        using (bgr)
        {
            using var ycrcb = new Mat();
            Cv2.CvtColor(bgr, ycrcb, ColorConversionCodes.BGR2YCrCb);
            var planes = new Mat();
            ycrcb.ConvertTo(planes, MatType.CV_32FC3);
            return planes;
        }
    }
}
