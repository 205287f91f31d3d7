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

    /// <summary>r, G1(r), G2(r) in scaled units; the caller disposes them.</summary>
    internal static Mat[] SmoothBases(Mat referenceLuma)
    {
        var r = Scaled(referenceLuma);
        var g1 = new Mat();
        Cv2.GaussianBlur(r, g1, new Size(3, 3), 0.8);
        var g2 = new Mat();
        Cv2.GaussianBlur(r, g2, new Size(7, 7), 1.6);
        return [r, g1, g2];
    }

    /// <summary>q = r²/2 from the scaled reference luma r; the caller disposes it.</summary>
    internal static Mat Quadratic(Mat r)
    {
        var q = new Mat();
        Cv2.Multiply(r, r, q, 0.5);
        return q;
    }

    public static Mat Scaled(Mat plane)
    {
        var scaled = new Mat();
        plane.ConvertTo(scaled, MatType.CV_32FC1, 1 / Unit, -128 / Unit);
        return scaled;
    }

    public static BlockFit Compute(Mat claimPlanes, Mat referencePlanes, Mat valid, int blockSize)
    {
        using var planes = ComparisonPlanes.Create(claimPlanes, referencePlanes, blockSize);
        return Compute(planes, valid, blockSize, claimPlanes.Size());
    }

    /// <summary>The fit over shared planes (null when not one block fits in <paramref name="size"/>).</summary>
    public static BlockFit Compute(ComparisonPlanes? planes, Mat valid, int blockSize, Size size)
    {
        var fit = new BlockFit(blockSize, size.Width / blockSize, size.Height / blockSize);
        if (planes is null)
            return fit;
        var owned = new List<Mat>();
        try
        {
            // Gradients of the aligned reference: a copy needs no local shift along them, a new photograph
            // (lens distortion, viewpoint) does.
            var gx = new Mat();
            owned.Add(gx);
            Cv2.Sobel(planes.Bases[1], gx, MatType.CV_32FC1, 1, 0, 3, 0.125);
            var gy = new Mat();
            owned.Add(gy);
            Cv2.Sobel(planes.Bases[1], gy, MatType.CV_32FC1, 0, 1, 3, 0.125);
            var validF = new Mat();
            owned.Add(validF);
            using (var validRoi = new Mat(valid, planes.Roi))
                validRoi.ConvertTo(validF, MatType.CV_32FC1, 1 / 255.0);
            // The kernel scales the raw planes and forms r²/2 itself: six image passes fewer.
            Mat[] kernelPlanes = [planes.Claim[0], .. planes.Bases, gx, gy, planes.Claim[1], planes.Reference[1], planes.Claim[2], planes.Reference[2], validF];
            fit.Fill(BlockMoments.Compute(kernelPlanes, blockSize));
        }
        finally
        {
            foreach (var m in owned)
                m.Dispose();
        }
        return fit;
    }

    /// <summary>Spreads the block means (layout at <see cref="BlockMoments.Count"/>) into the model's arrays.</summary>
    private void Fill(double[] moments)
    {
        const int m = BlockMoments.Count;
        const int bb = Bases * Bases;
        for (var i = 0; i < Count; i++)
        {
            var s = moments.AsSpan(i * m, m);
            var pair = 0;
            for (var a = 0; a < Bases - 1; a++)
            {
                for (var b = a; b < Bases - 1; b++)
                    BasisProducts[i * bb + a * Bases + b] = BasisProducts[i * bb + b * Bases + a] = s[pair++];
                BasisProducts[i * bb + a * Bases + Bases - 1] = BasisProducts[i * bb + (Bases - 1) * Bases + a] = s[10 + a];
                ClaimProducts[i * Bases + a] = s[14 + a];
                GradientBasis[i * 2 * Bases + a] = s[20 + a];
                GradientBasis[i * 2 * Bases + Bases + a] = s[25 + a];
            }
            BasisProducts[i * bb + bb - 1] = 1;
            ClaimProducts[i * Bases + Bases - 1] = s[18];
            ClaimSquare[i] = s[19];
            GradientBasis[i * 2 * Bases + Bases - 1] = s[24];
            GradientBasis[i * 2 * Bases + 2 * Bases - 1] = s[29];
            ClaimGradient[i * 2] = s[30];
            ClaimGradient[i * 2 + 1] = s[31];
            GradientGram[i * 3] = s[32];
            GradientGram[i * 3 + 1] = s[33];
            GradientGram[i * 3 + 2] = s[34];
            for (var k = 0; k < 10; k++)
                Chroma[i * 10 + k] = s[35 + k];
            Valid[i] = s[45] > 0.999;
            // Texture as high-pass energy E[(r - G2 r)²]: resampling and re-compression error grows with fine
            // detail, not with smooth gradients.
            SignalVariance[i] = Math.Max(0, BasisProducts[i * bb] - 2 * BasisProducts[i * bb + 2] + BasisProducts[i * bb + 2 * Bases + 2]);
        }
    }
}
