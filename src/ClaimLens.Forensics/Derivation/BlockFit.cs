using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Per-block moments of the claim against the aligned reference, from which <see cref="ToneModel"/>
/// fits one filtered-copy model for the whole picture and scores each block. Values are in scaled units
/// (pixel - 128) / 64 so that float sums stay exact enough.</summary>
internal sealed class BlockFit
{
    /// <summary>Basis images of the luma model: r, G1(r), G2(r), r²/2 (a smooth tone curve), 1.</summary>
    public const int Bases = 5;

    public const double Unit = 64;

    private BlockFit(int blockSize, int columns, int rows)
    {
        BlockSize = blockSize;
        Columns = columns;
        Rows = rows;
        var n = columns * rows;
        Valid = new bool[n];
        BasisProducts = new double[n * Bases * Bases];
        ClaimProducts = new double[n * Bases];
        ClaimSquare = new double[n];
        Chroma = new double[n * 10];
        GradientBasis = new double[n * 2 * Bases];
        GradientGram = new double[n * 3];
        ClaimGradient = new double[n * 2];
        SignalVariance = new double[n];
    }

    public int BlockSize { get; }

    public int Columns { get; }

    public int Rows { get; }

    public int Count => Columns * Rows;

    /// <summary>Block fully covered by the reference.</summary>
    public bool[] Valid { get; }

    /// <summary>Per block, E[u_a u_b] for the bases (row-major 5x5).</summary>
    public double[] BasisProducts { get; }

    /// <summary>Per block, E[c u_a].</summary>
    public double[] ClaimProducts { get; }

    /// <summary>Per block, E[c²].</summary>
    public double[] ClaimSquare { get; }

    /// <summary>Per block and chroma plane: E[c], E[r], E[c²], E[r²], E[c r].</summary>
    public double[] Chroma { get; }

    /// <summary>Per block, E[gx u_a] then E[gy u_a] (gx, gy: the reference's luma gradients, per pixel).</summary>
    public double[] GradientBasis { get; }

    /// <summary>Per block, E[gx²], E[gx gy], E[gy²].</summary>
    public double[] GradientGram { get; }

    /// <summary>Per block, E[c gx], E[c gy].</summary>
    public double[] ClaimGradient { get; }

    /// <summary>High-pass energy of the reference luma in the block (scaled units), its fine texture.</summary>
    public double[] SignalVariance { get; }

    public static int ChooseBlockSize(int width, int height) => Math.Min(width, height) >= 480 ? 16 : 8;

    /// <summary>The four non-constant basis images in scaled units; the caller disposes them.</summary>
    public static Mat[] BasisImages(Mat referenceLuma)
    {
        var r = new Mat();
        referenceLuma.ConvertTo(r, MatType.CV_32FC1, 1 / Unit, -128 / Unit);
        var g1 = new Mat();
        Cv2.GaussianBlur(r, g1, new Size(3, 3), 0.8);
        var g2 = new Mat();
        Cv2.GaussianBlur(r, g2, new Size(7, 7), 1.6);
        var q = new Mat();
        Cv2.Multiply(r, r, q, 0.5);
        return [r, g1, g2, q];
    }

    public static Mat Scaled(Mat plane)
    {
        var scaled = new Mat();
        plane.ConvertTo(scaled, MatType.CV_32FC1, 1 / Unit, -128 / Unit);
        return scaled;
    }

    public static BlockFit Compute(Mat claimPlanes, Mat referencePlanes, Mat valid, int blockSize)
    {
        var columns = claimPlanes.Width / blockSize;
        var rows = claimPlanes.Height / blockSize;
        var fit = new BlockFit(blockSize, columns, rows);
        if (columns == 0 || rows == 0)
            return fit;
        var roi = new Rect(0, 0, columns * blockSize, rows * blockSize);
        var grid = new Size(columns, rows);

        using var claimRoi = new Mat(claimPlanes, roi);
        using var refRoi = new Mat(referencePlanes, roi);
        var claimRaw = claimRoi.Split();
        var refRaw = refRoi.Split();
        var disposables = new List<Mat>(claimRaw.Concat(refRaw));
        try
        {
            var n = columns * rows;
            var buffer = new float[n];
            Mat Track(Mat m)
            {
                disposables.Add(m);
                return m;
            }
            // One scratch image serves every product: each is reduced to block means at once, so the ~30
            // products never exist together (keeping them all cost ~100 MB per matched reference).
            var scratch = Track(new Mat());
            double[] Mean(Mat a, Mat? b = null)
            {
                var product = a;
                if (b is not null)
                {
                    product = scratch;
                    Cv2.Multiply(a, b, product);
                }
                using var mean = new Mat();
                Cv2.Resize(product, mean, grid, 0, 0, InterpolationFlags.Area);
                Marshal.Copy(mean.Data, buffer, 0, n);
                return Array.ConvertAll(buffer, v => (double)v);
            }

            var c = Track(Scaled(claimRaw[0]));
            var u = BasisImages(refRaw[0]);
            foreach (var m in u)
                Track(m);
            var uMean = new double[Bases - 1][];
            for (var a = 0; a < Bases - 1; a++)
            {
                uMean[a] = Mean(u[a]);
                for (var b = a; b < Bases - 1; b++)
                    fit.SetBasis(a, b, Mean(u[a], u[b]));
                fit.SetBasis(a, Bases - 1, uMean[a]);
                fit.SetClaim(a, Mean(c, u[a]));
            }
            fit.SetBasis(Bases - 1, Bases - 1, Enumerable.Repeat(1.0, n).ToArray());
            fit.SetClaim(Bases - 1, Mean(c));
            var cc = Mean(c, c);
            Array.Copy(cc, fit.ClaimSquare, n);
            // Texture as high-pass energy E[(r - G2 r)²]: resampling and re-compression error grows with fine
            // detail, not with smooth gradients.
            const int bb = Bases * Bases;
            for (var i = 0; i < n; i++)
                fit.SignalVariance[i] = Math.Max(0, fit.BasisProducts[i * bb] - 2 * fit.BasisProducts[i * bb + 2] + fit.BasisProducts[i * bb + 2 * Bases + 2]);

            // Gradients of the aligned reference: a copy needs no local shift along them, a new photograph
            // (lens distortion, viewpoint) does.
            var gx = Track(new Mat());
            var gy = Track(new Mat());
            Cv2.Sobel(u[1], gx, MatType.CV_32FC1, 1, 0, 3, 0.125);
            Cv2.Sobel(u[1], gy, MatType.CV_32FC1, 0, 1, 3, 0.125);
            var gradients = new[] { gx, gy };
            for (var g = 0; g < 2; g++)
            {
                for (var a = 0; a < Bases - 1; a++)
                    Store(fit.GradientBasis, g * Bases + a, 2 * Bases, Mean(gradients[g], u[a]));
                Store(fit.GradientBasis, g * Bases + Bases - 1, 2 * Bases, Mean(gradients[g]));
                Store(fit.ClaimGradient, g, 2, Mean(c, gradients[g]));
            }
            Store(fit.GradientGram, 0, 3, Mean(gx, gx));
            Store(fit.GradientGram, 1, 3, Mean(gx, gy));
            Store(fit.GradientGram, 2, 3, Mean(gy, gy));

            for (var ch = 1; ch <= 2; ch++)
            {
                var cp = Track(Scaled(claimRaw[ch]));
                var rp = Track(Scaled(refRaw[ch]));
                var moments = new[] { Mean(cp), Mean(rp), Mean(cp, cp), Mean(rp, rp), Mean(cp, rp) };
                for (var i = 0; i < n; i++)
                {
                    for (var k = 0; k < 5; k++)
                        fit.Chroma[i * 10 + (ch - 1) * 5 + k] = moments[k][i];
                }
            }
            using var validF = new Mat();
            using var validRoi = new Mat(valid, roi);
            validRoi.ConvertTo(validF, MatType.CV_32FC1, 1 / 255.0);
            var v = Mean(validF);
            for (var i = 0; i < n; i++)
                fit.Valid[i] = v[i] > 0.999;
        }
        finally
        {
            foreach (var m in disposables)
                m.Dispose();
        }
        return fit;
    }

    private static void Store(double[] target, int offset, int stride, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            target[i * stride + offset] = values[i];
    }

    private void SetBasis(int a, int b, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BasisProducts[i * Bases * Bases + a * Bases + b] = values[i];
            BasisProducts[i * Bases * Bases + b * Bases + a] = values[i];
        }
    }

    private void SetClaim(int a, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            ClaimProducts[i * Bases + a] = values[i];
    }
}
