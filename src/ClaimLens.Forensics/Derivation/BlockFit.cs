using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Per-block fit of the claim as a filtered copy of the aligned reference: within each block the claim's
/// luma is modelled as a R + b G1(R) + c G2(R) + d (R the aligned reference, G1/G2 two Gaussian blurs, so the
/// model spans symmetric blur and sharpening kernels plus a tone offset and gain), and each chroma plane as
/// gain x reference chroma + offset. Symmetric kernels cannot express a shift, so residual misalignment (lens
/// distortion, parallax of a new photograph) stays in the residual.</summary>
internal sealed class BlockFit
{
    private BlockFit(int blockSize, int columns, int rows)
    {
        BlockSize = blockSize;
        Columns = columns;
        Rows = rows;
        var n = columns * rows;
        Valid = new bool[n];
        Residual = new float[n];
        ChromaResidual = new float[n];
        SignalVariance = new float[n];
        Weights = new float[n * 4];
    }

    public int BlockSize { get; }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Block fully covered by the reference.</summary>
    public bool[] Valid { get; }

    /// <summary>Luma residual variance after the fit.</summary>
    public float[] Residual { get; }

    /// <summary>Mean of the two chroma residual variances after their gain/offset fit.</summary>
    public float[] ChromaResidual { get; }

    /// <summary>Variance of the aligned reference's luma in the block (its texture).</summary>
    public float[] SignalVariance { get; }

    /// <summary>Per block a, b, c, d of the luma model.</summary>
    public float[] Weights { get; }

    public static int ChooseBlockSize(int width, int height) => Math.Min(width, height) >= 480 ? 16 : 8;

    /// <summary>The three basis images of the luma model; the caller disposes them.</summary>
    public static Mat[] Bases(Mat referenceLuma)
    {
        var g1 = new Mat();
        Cv2.GaussianBlur(referenceLuma, g1, new Size(3, 3), 0.8);
        var g2 = new Mat();
        Cv2.GaussianBlur(referenceLuma, g2, new Size(7, 7), 1.6);
        return [referenceLuma.Clone(), g1, g2];
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
        var claim = claimRoi.Split();
        var reference = refRoi.Split();
        var bases = Bases(reference[0]);
        var disposables = new List<Mat>(claim.Concat(reference).Concat(bases));
        try
        {
            Mat Mean(Mat a, Mat? b = null)
            {
                var product = a;
                if (b is not null)
                {
                    product = new Mat();
                    Cv2.Multiply(a, b, product);
                    disposables.Add(product);
                }
                var mean = new Mat();
                Cv2.Resize(product, mean, grid, 0, 0, InterpolationFlags.Area);
                disposables.Add(mean);
                return mean;
            }

            var c = claim[0];
            var mC = Mean(c);
            var mCC = Mean(c, c);
            var mB = new Mat[3];
            var mCB = new Mat[3];
            var mBB = new Mat[6];
            for (var i = 0; i < 3; i++)
            {
                mB[i] = Mean(bases[i]);
                mCB[i] = Mean(c, bases[i]);
            }
            var k = 0;
            for (var i = 0; i < 3; i++)
            {
                for (var j = i; j < 3; j++)
                    mBB[k++] = Mean(bases[i], bases[j]);
            }
            var chroma = new Mat[2][];
            for (var ch = 1; ch <= 2; ch++)
                chroma[ch - 1] = [Mean(claim[ch]), Mean(reference[ch]), Mean(claim[ch], claim[ch]), Mean(reference[ch], reference[ch]), Mean(claim[ch], reference[ch])];
            using var validF = new Mat();
            using var validRoi = new Mat(valid, roi);
            validRoi.ConvertTo(validF, MatType.CV_32FC1, 1 / 255.0);
            var mV = Mean(validF);
            fit.Solve(mC, mCC, mB, mCB, mBB, chroma, mV);
        }
        finally
        {
            foreach (var m in disposables)
                m.Dispose();
        }
        return fit;
    }

    private void Solve(Mat mC, Mat mCC, Mat[] mB, Mat[] mCB, Mat[] mBB, Mat[][] chroma, Mat mV)
    {
        var n = Columns * Rows;
        float[] Read(Mat m)
        {
            var a = new float[n];
            using var continuous = m.IsContinuous() ? m : m.Clone();
            System.Runtime.InteropServices.Marshal.Copy(continuous.Data, a, 0, n);
            return a;
        }
        var c = Read(mC);
        var cc = Read(mCC);
        var b = mB.Select(Read).ToArray();
        var cb = mCB.Select(Read).ToArray();
        var bb = mBB.Select(Read).ToArray();
        var ch = chroma.Select(set => set.Select(Read).ToArray()).ToArray();
        var v = Read(mV);
        Span<double> sigma = stackalloc double[9];
        Span<double> s = stackalloc double[3];
        Span<double> w = stackalloc double[3];
        for (var i = 0; i < n; i++)
        {
            Valid[i] = v[i] > 0.999f;
            if (!Valid[i])
                continue;
            var varC = Math.Max(0, cc[i] - (double)c[i] * c[i]);
            var pairs = new[] { (0, 0, 0), (0, 1, 1), (0, 2, 2), (1, 1, 3), (1, 2, 4), (2, 2, 5) };
            foreach (var (p, q, idx) in pairs)
            {
                var cov = bb[idx][i] - (double)b[p][i] * b[q][i];
                sigma[3 * p + q] = cov;
                sigma[3 * q + p] = cov;
            }
            for (var p = 0; p < 3; p++)
                s[p] = cb[p][i] - (double)c[i] * b[p][i];
            SignalVariance[i] = (float)Math.Max(0, sigma[0]);
            // A small ridge keeps flat blocks (all covariances ~0) well posed; it costs nothing on textured ones.
            var ridge = 1e-3 * (sigma[0] + sigma[4] + sigma[8]) / 3 + 1e-2;
            Solve3(sigma, s, ridge, w);
            double explained = 0;
            for (var p = 0; p < 3; p++)
            {
                explained += 2 * w[p] * s[p];
                for (var q = 0; q < 3; q++)
                    explained -= w[p] * sigma[3 * p + q] * w[q];
            }
            Residual[i] = (float)Math.Max(0, varC - explained);
            var d = c[i] - (w[0] * b[0][i] + w[1] * b[1][i] + w[2] * b[2][i]);
            Weights[4 * i] = (float)w[0];
            Weights[4 * i + 1] = (float)w[1];
            Weights[4 * i + 2] = (float)w[2];
            Weights[4 * i + 3] = (float)d;
            double chromaResidual = 0;
            foreach (var set in ch)
            {
                var varCc = Math.Max(0, set[2][i] - (double)set[0][i] * set[0][i]);
                var varRc = Math.Max(0, set[3][i] - (double)set[1][i] * set[1][i]);
                var cov = set[4][i] - (double)set[0][i] * set[1][i];
                chromaResidual += Math.Max(0, varCc - cov * cov / (varRc + 0.05));
            }
            ChromaResidual[i] = (float)(chromaResidual / 2);
        }
    }

    private static void Solve3(Span<double> a, Span<double> s, double ridge, Span<double> w)
    {
        var m00 = a[0] + ridge; var m01 = a[1]; var m02 = a[2];
        var m11 = a[4] + ridge; var m12 = a[5]; var m22 = a[8] + ridge;
        var det = m00 * (m11 * m22 - m12 * m12) - m01 * (m01 * m22 - m12 * m02) + m02 * (m01 * m12 - m11 * m02);
        if (Math.Abs(det) < 1e-18)
        {
            w.Clear();
            return;
        }
        w[0] = (s[0] * (m11 * m22 - m12 * m12) - m01 * (s[1] * m22 - m12 * s[2]) + m02 * (s[1] * m12 - m11 * s[2])) / det;
        w[1] = (m00 * (s[1] * m22 - m12 * s[2]) - s[0] * (m01 * m22 - m12 * m02) + m02 * (m01 * s[2] - s[1] * m02)) / det;
        w[2] = (m00 * (m11 * s[2] - s[1] * m12) - m01 * (m01 * s[2] - s[1] * m02) + s[0] * (m01 * m12 - m11 * m02)) / det;
    }
}
