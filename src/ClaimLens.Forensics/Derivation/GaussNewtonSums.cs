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
    public unsafe (double[] Hessian, double[] Sd, double[] SdT, double W, double WT, double WTT) Normal(Mat weight)
    {
        var totals = new double[NormalCount];
        var acc = stackalloc Vector256<float>[NormalCount];
        var sd = stackalloc Vector256<float>[Parameters];
        fixed (float* xs = _xs)
        {
            for (var y = 0; y < _ys.Length; y++)
            {
                for (var k = 0; k < NormalCount; k++)
                    acc[k] = Vector256<float>.Zero;
                var t = (float*)_t.Ptr(y);
                var gx = (float*)_gx.Ptr(y);
                var gy = (float*)_gy.Ptr(y);
                var w = (float*)weight.Ptr(y);
                var yn = Vector256.Create(_ys[y]);
                for (var x = 0; x < Width; x += Lanes)
                {
                    var wv = Vector256.Load(w + x);
                    var tv = Vector256.Load(t + x);
                    Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn, sd);
                    var i = 0;
                    for (var a = 0; a < Parameters; a++)
                    {
                        for (var b = a; b < Parameters; b++)
                            acc[i++] += sd[a] * sd[b];
                    }
                    for (var a = 0; a < Parameters; a++)
                    {
                        acc[36 + a] += sd[a];
                        acc[44 + a] += sd[a] * tv;
                    }
                    var wt = wv * tv;
                    acc[52] += wv;
                    acc[53] += wt;
                    acc[54] += wt * tv;
                }
                for (var k = 0; k < NormalCount; k++)
                    totals[k] += Vector256.Sum(acc[k]);
            }
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
    public unsafe (double[] SdI, double WI, double WIT) Project(Mat weight, Mat warped)
    {
        var totals = new double[ProjectionCount];
        var acc = stackalloc Vector256<float>[ProjectionCount];
        var sd = stackalloc Vector256<float>[Parameters];
        fixed (float* xs = _xs)
        {
            for (var y = 0; y < _ys.Length; y++)
            {
                for (var k = 0; k < ProjectionCount; k++)
                    acc[k] = Vector256<float>.Zero;
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
                    Steepest(Vector256.Load(gx + x) * wv, Vector256.Load(gy + x) * wv, Vector256.Load(xs + x), yn, sd);
                    for (var a = 0; a < Parameters; a++)
                        acc[a] += sd[a] * iv;
                    var wi = wv * iv;
                    acc[8] += wi;
                    acc[9] += wi * Vector256.Load(t + x);
                }
                for (var k = 0; k < ProjectionCount; k++)
                    totals[k] += Vector256.Sum(acc[k]);
            }
        }
        return (totals[..8], totals[8], totals[9]);
    }

    // ∂W/∂p at p = 0 for the homography [[1+p0, p1, p2], [p3, 1+p4, p5], [p6, p7, 1]]:
    // x: (x, y, 1, 0, 0, 0, -x², -xy), y: (0, 0, 0, x, y, 1, -xy, -y²).
    // Called for every 8 pixels from loops compiled at full optimisation; without inlining it ran as
    // unoptimised code until tiering caught up (the whole of a single-claim run).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Steepest(Vector256<float> gx, Vector256<float> gy, Vector256<float> x, Vector256<float> y, Vector256<float>* sd)
    {
        sd[0] = gx * x;
        sd[1] = gx * y;
        sd[2] = gx;
        sd[3] = gy * x;
        sd[4] = gy * y;
        sd[5] = gy;
        var radial = sd[0] + sd[4];
        sd[6] = -(radial * x);
        sd[7] = -(radial * y);
    }
}
