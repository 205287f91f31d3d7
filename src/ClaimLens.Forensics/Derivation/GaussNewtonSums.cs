using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>The sums <see cref="HomographyRefiner"/> needs, each in one vectorised pass over the template: the
/// eight steepest-descent values ∇T ∂W/∂p of a pixel are formed in registers from its gradient and normalised
/// coordinates instead of being stored as eight images and reduced by dot products.</summary>
internal sealed class GaussNewtonSums
{
    public const int Parameters = 8;

    private const int Lanes = 8;

    // Per pixel: 36 products of the steepest-descent values (upper triangle), the 8 values, the 8 values
    // times T, then w, w T, w T².
    private const int NormalCount = 36 + 8 + 8 + 3;

    // Per pixel: the 8 values times I, then w I, w I T.
    private const int ProjectionCount = 8 + 2;

    private readonly Mat _t;
    private readonly Mat _gx;
    private readonly Mat _gy;
    private readonly float[] _xs;
    private readonly float[] _ys;

    /// <param name="t">CV_32FC1 template.</param>
    /// <param name="gx">CV_32FC1 template gradient along x, per normalised unit.</param>
    /// <param name="gy">Same along y.</param>
    /// <param name="normalise">Pixel to normalised coordinates: x' = (x - cx) / s.</param>
    public GaussNewtonSums(Mat t, Mat gx, Mat gy, (double Cx, double Cy, double S) normalise)
    {
        _t = t;
        _gx = gx;
        _gy = gy;
        // Columns past the last whole vector are not summed: the caller's weight must be zero there.
        Width = t.Width / Lanes * Lanes;
        _xs = new float[t.Width];
        for (var x = 0; x < _xs.Length; x++)
            _xs[x] = (float)((x - normalise.Cx) / normalise.S);
        _ys = new float[t.Height];
        for (var y = 0; y < _ys.Length; y++)
            _ys[y] = (float)((y - normalise.Cy) / normalise.S);
    }

    /// <summary>Columns the sums cover (the template's width rounded down to whole vectors).</summary>
    public int Width { get; }

    /// <summary>The Gauss-Newton matrix (8x8, row-major), Σ w sd_k, Σ w sd_k T, and Σ w, Σ w T, Σ w T².</summary>
    public (double[] Hessian, double[] Sd, double[] SdT, double W, double WT, double WTT) Normal(Mat weight)
    {
        // Four passes over each row, each with its sums in registers (55 at once spilled every one to the stack at
        // every pixel); each sum adds the same values in the same order as one pass did. The passes are compiled
        // fully optimised from the first call: a claim calls them too few times for tiering to catch up.
        var totals = new double[NormalCount];
        for (var y = 0; y < _ys.Length; y++)
        {
            ProductsOf01(weight, y, totals);
            ProductsOf234(weight, y, totals);
            ProductsOf567AndValues(weight, y, totals);
            TemplateSums(weight, y, totals);
        }
        var hessian = new double[Parameters * Parameters];
        var n = 0;
        for (var a = 0; a < Parameters; a++)
        {
            for (var b = a; b < Parameters; b++)
                hessian[a * Parameters + b] = hessian[b * Parameters + a] = totals[n++];
        }
        return (hessian, totals[36..44], totals[44..52], totals[52], totals[53], totals[54]);
    }

    /// <summary>Σ w sd_k I, and Σ w I, Σ w I T for the warped input I.</summary>
    // Fully optimised from the first call: the refiner calls it a dozen times per claim, too few for tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe (double[] SdI, double WI, double WIT) Project(Mat weight, Mat warped)
    {
        var totals = new double[ProjectionCount];
        fixed (float* xs = _xs)
        {
            for (var y = 0; y < _ys.Length; y++)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
                    a7 = default, a8 = default, a9 = default;
                var t = (float*)_t.Ptr(y);
                var gx = (float*)_gx.Ptr(y);
                var gy = (float*)_gy.Ptr(y);
                var w = (float*)weight.Ptr(y);
                var input = (float*)warped.Ptr(y);
                var yn = Vector256.Create(_ys[y]);
                for (var x = 0; x < Width; x += Lanes)
                {
                    var wv = Vector256.Load(w + x);
                    var iv = Vector256.Load(input + x);
                    Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn,
                    out var s0, out var s1, out var s2, out var s3, out var s4, out var s5, out var s6, out var s7);
                    a0 += s0 * iv;
                    a1 += s1 * iv;
                    a2 += s2 * iv;
                    a3 += s3 * iv;
                    a4 += s4 * iv;
                    a5 += s5 * iv;
                    a6 += s6 * iv;
                    a7 += s7 * iv;
                    var wi = wv * iv;
                    a8 += wi;
                    a9 += wi * Vector256.Load(t + x);
                }
                totals[0] += Vector256.Sum(a0);
                totals[1] += Vector256.Sum(a1);
                totals[2] += Vector256.Sum(a2);
                totals[3] += Vector256.Sum(a3);
                totals[4] += Vector256.Sum(a4);
                totals[5] += Vector256.Sum(a5);
                totals[6] += Vector256.Sum(a6);
                totals[7] += Vector256.Sum(a7);
                totals[8] += Vector256.Sum(a8);
                totals[9] += Vector256.Sum(a9);
            }
        }
        return (totals[..8], totals[8], totals[9]);
    }

    // Σ w² products of steepest-descent values 0 and 1 with the others (sums 0-14).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ProductsOf01(Mat weight, int y, double[] totals)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default,

            a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default,

            a12 = default, a13 = default, a14 = default;
        float* gx = (float*)_gx.Ptr(y), gy = (float*)_gy.Ptr(y), w = (float*)weight.Ptr(y);
        var yn = Vector256.Create(_ys[y]);
        fixed (float* xs = _xs)
        {
            for (var x = 0; x < Width; x += Lanes)
            {
                var wv = Vector256.Load(w + x);
                Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn,
                    out var s0, out var s1, out var s2, out var s3, out var s4, out var s5, out var s6, out var s7);
                a0 += s0 * s0;
                a1 += s0 * s1;
                a2 += s0 * s2;
                a3 += s0 * s3;
                a4 += s0 * s4;
                a5 += s0 * s5;
                a6 += s0 * s6;
                a7 += s0 * s7;
                a8 += s1 * s1;
                a9 += s1 * s2;
                a10 += s1 * s3;
                a11 += s1 * s4;
                a12 += s1 * s5;
                a13 += s1 * s6;
                a14 += s1 * s7;
            }
        }
        totals[0] += Vector256.Sum(a0);
        totals[1] += Vector256.Sum(a1);
        totals[2] += Vector256.Sum(a2);
        totals[3] += Vector256.Sum(a3);
        totals[4] += Vector256.Sum(a4);
        totals[5] += Vector256.Sum(a5);
        totals[6] += Vector256.Sum(a6);
        totals[7] += Vector256.Sum(a7);
        totals[8] += Vector256.Sum(a8);
        totals[9] += Vector256.Sum(a9);
        totals[10] += Vector256.Sum(a10);
        totals[11] += Vector256.Sum(a11);
        totals[12] += Vector256.Sum(a12);
        totals[13] += Vector256.Sum(a13);
        totals[14] += Vector256.Sum(a14);
    }

    // Products of values 2-4 with those after them (sums 15-29).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ProductsOf234(Mat weight, int y, double[] totals)
    {
        Vector256<float> a15 = default, a16 = default, a17 = default, a18 = default, a19 = default, a20 = default,

            a21 = default, a22 = default, a23 = default, a24 = default, a25 = default, a26 = default,

            a27 = default, a28 = default, a29 = default;
        float* gx = (float*)_gx.Ptr(y), gy = (float*)_gy.Ptr(y), w = (float*)weight.Ptr(y);
        var yn = Vector256.Create(_ys[y]);
        fixed (float* xs = _xs)
        {
            for (var x = 0; x < Width; x += Lanes)
            {
                var wv = Vector256.Load(w + x);
                Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn,
                    out var s0, out var s1, out var s2, out var s3, out var s4, out var s5, out var s6, out var s7);
                a15 += s2 * s2;
                a16 += s2 * s3;
                a17 += s2 * s4;
                a18 += s2 * s5;
                a19 += s2 * s6;
                a20 += s2 * s7;
                a21 += s3 * s3;
                a22 += s3 * s4;
                a23 += s3 * s5;
                a24 += s3 * s6;
                a25 += s3 * s7;
                a26 += s4 * s4;
                a27 += s4 * s5;
                a28 += s4 * s6;
                a29 += s4 * s7;
            }
        }
        totals[15] += Vector256.Sum(a15);
        totals[16] += Vector256.Sum(a16);
        totals[17] += Vector256.Sum(a17);
        totals[18] += Vector256.Sum(a18);
        totals[19] += Vector256.Sum(a19);
        totals[20] += Vector256.Sum(a20);
        totals[21] += Vector256.Sum(a21);
        totals[22] += Vector256.Sum(a22);
        totals[23] += Vector256.Sum(a23);
        totals[24] += Vector256.Sum(a24);
        totals[25] += Vector256.Sum(a25);
        totals[26] += Vector256.Sum(a26);
        totals[27] += Vector256.Sum(a27);
        totals[28] += Vector256.Sum(a28);
        totals[29] += Vector256.Sum(a29);
    }

    // Products of values 5-7, then the values themselves (sums 30-43).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ProductsOf567AndValues(Mat weight, int y, double[] totals)
    {
        Vector256<float> a30 = default, a31 = default, a32 = default, a33 = default, a34 = default, a35 = default,

            a36 = default, a37 = default, a38 = default, a39 = default, a40 = default, a41 = default,

            a42 = default, a43 = default;
        float* gx = (float*)_gx.Ptr(y), gy = (float*)_gy.Ptr(y), w = (float*)weight.Ptr(y);
        var yn = Vector256.Create(_ys[y]);
        fixed (float* xs = _xs)
        {
            for (var x = 0; x < Width; x += Lanes)
            {
                var wv = Vector256.Load(w + x);
                Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn,
                    out var s0, out var s1, out var s2, out var s3, out var s4, out var s5, out var s6, out var s7);
                a30 += s5 * s5;
                a31 += s5 * s6;
                a32 += s5 * s7;
                a33 += s6 * s6;
                a34 += s6 * s7;
                a35 += s7 * s7;
                a36 += s0;
                a37 += s1;
                a38 += s2;
                a39 += s3;
                a40 += s4;
                a41 += s5;
                a42 += s6;
                a43 += s7;
            }
        }
        totals[30] += Vector256.Sum(a30);
        totals[31] += Vector256.Sum(a31);
        totals[32] += Vector256.Sum(a32);
        totals[33] += Vector256.Sum(a33);
        totals[34] += Vector256.Sum(a34);
        totals[35] += Vector256.Sum(a35);
        totals[36] += Vector256.Sum(a36);
        totals[37] += Vector256.Sum(a37);
        totals[38] += Vector256.Sum(a38);
        totals[39] += Vector256.Sum(a39);
        totals[40] += Vector256.Sum(a40);
        totals[41] += Vector256.Sum(a41);
        totals[42] += Vector256.Sum(a42);
        totals[43] += Vector256.Sum(a43);
    }

    // The values times T, then w, w T, w T² (sums 44-54).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void TemplateSums(Mat weight, int y, double[] totals)
    {
        Vector256<float> a44 = default, a45 = default, a46 = default, a47 = default, a48 = default, a49 = default,

            a50 = default, a51 = default, a52 = default, a53 = default, a54 = default;
        float* t = (float*)_t.Ptr(y), gx = (float*)_gx.Ptr(y), gy = (float*)_gy.Ptr(y), w = (float*)weight.Ptr(y);
        var yn = Vector256.Create(_ys[y]);
        fixed (float* xs = _xs)
        {
            for (var x = 0; x < Width; x += Lanes)
            {
                var wv = Vector256.Load(w + x);
                var tv = Vector256.Load(t + x);
                Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn,
                    out var s0, out var s1, out var s2, out var s3, out var s4, out var s5, out var s6, out var s7);
                a44 += s0 * tv;
                a45 += s1 * tv;
                a46 += s2 * tv;
                a47 += s3 * tv;
                a48 += s4 * tv;
                a49 += s5 * tv;
                a50 += s6 * tv;
                a51 += s7 * tv;
                a52 += wv;
                a53 += wv * tv;
                a54 += wv * tv * tv;
            }
        }
        totals[44] += Vector256.Sum(a44);
        totals[45] += Vector256.Sum(a45);
        totals[46] += Vector256.Sum(a46);
        totals[47] += Vector256.Sum(a47);
        totals[48] += Vector256.Sum(a48);
        totals[49] += Vector256.Sum(a49);
        totals[50] += Vector256.Sum(a50);
        totals[51] += Vector256.Sum(a51);
        totals[52] += Vector256.Sum(a52);
        totals[53] += Vector256.Sum(a53);
        totals[54] += Vector256.Sum(a54);
    }

    // ∂W/∂p at p = 0 for the homography [[1+p0, p1, p2], [p3, 1+p4, p5], [p6, p7, 1]]:
    // x: (x, y, 1, 0, 0, 0, -x², -xy), y: (0, 0, 0, x, y, 1, -xy, -y²).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Steepest(Vector256<float> gx, Vector256<float> gy, Vector256<float> x, Vector256<float> y,
        out Vector256<float> s0, out Vector256<float> s1, out Vector256<float> s2, out Vector256<float> s3,
        out Vector256<float> s4, out Vector256<float> s5, out Vector256<float> s6, out Vector256<float> s7)
    {
        s0 = gx * x;
        s1 = gx * y;
        s2 = gx;
        s3 = gy * x;
        s4 = gy * y;
        s5 = gy;
        var radial = s0 + s4;
        s6 = -(radial * x);
        s7 = -(radial * y);
    }
}
