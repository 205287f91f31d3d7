using System.Runtime.Intrinsics;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class GaussNewtonSumsTests
{
    [Theory]
    [InlineData(64, 40, 1)]
    [InlineData(101, 37, 2)] // width not a multiple of 8: the last columns are left out
    public void NormalAndProject_RandomPlanes_EqualTheOnePassSums(int width, int height, int seed)
    {
        // Template, gradients, a 0..1 weight with zeros and a warped input: the split passes must add the same
        // values in the same order as the one-pass loops did, so the sums agree bit for bit.
        using var t = Random(width, height, seed, 0, 255);
        using var gx = Random(width, height, seed + 1, -40, 40);
        using var gy = Random(width, height, seed + 2, -40, 40);
        using var weight = Random(width, height, seed + 3, -0.5, 1);
        Cv2.Max(weight, 0.0, weight);
        using var warped = Random(width, height, seed + 4, 0, 255);
        var normalise = ((width - 1) / 2.0, (height - 1) / 2.0, Math.Max(width, height) / 2.0);
        var sums = new GaussNewtonSums(t, gx, gy, normalise);

        var normal = sums.Normal(weight);
        var projection = sums.Project(weight, warped);

        var (expectedNormal, expectedProjection) = OnePass(t, gx, gy, weight, warped, normalise);
        Assert.Equal(expectedNormal[..36], Enumerable.Range(0, 8).SelectMany(a => Enumerable.Range(a, 8 - a).Select(b => normal.Hessian[a * 8 + b])).ToArray());
        Assert.Equal(expectedNormal[36..44], normal.Sd);
        Assert.Equal(expectedNormal[44..52], normal.SdT);
        Assert.Equal(expectedNormal[52..], new[] { normal.W, normal.WT, normal.WTT });
        Assert.Equal(expectedProjection[..8], projection.SdI);
        Assert.Equal(expectedProjection[8..], new[] { projection.WI, projection.WIT });
    }

    // GaussNewtonSums.Normal and Project as they were before session 6: every sum in one pass, per row.
    private static (double[] Normal, double[] Projection) OnePass(Mat tm, Mat gxm, Mat gym, Mat wm, Mat im, (double Cx, double Cy, double S) n)
    {
        var (fullWidth, height) = (tm.Width, tm.Height);
        var width = fullWidth / 8 * 8;
        float[] Data(Mat m)
        {
            m.GetArray(out float[] values);
            return values;
        }
        var (t, gx, gy, w, input) = (Data(tm), Data(gxm), Data(gym), Data(wm), Data(im));
        var normal = new double[55];
        var projection = new double[10];
        var acc = new Vector256<float>[55];
        var pacc = new Vector256<float>[10];
        for (var y = 0; y < height; y++)
        {
            Array.Clear(acc);
            Array.Clear(pacc);
            var yn = Vector256.Create((float)((y - n.Cy) / n.S));
            for (var x = 0; x < width; x += 8)
            {
                var o = y * fullWidth + x;
                Vector256<float> Load(float[] a) => Vector256.Create(a.AsSpan(o, 8));
                var xn = Vector256.Create(Enumerable.Range(x, 8).Select(i => (float)((i - n.Cx) / n.S)).ToArray());
                var (wv, tv, iv) = (Load(w), Load(t), Load(input));
                var sd = Steepest(Load(gx) * wv, Load(gy) * wv, xn, yn);
                var i = 0;
                for (var a = 0; a < 8; a++)
                {
                    for (var b = a; b < 8; b++)
                        acc[i++] += sd[a] * sd[b];
                }
                for (var a = 0; a < 8; a++)
                {
                    acc[36 + a] += sd[a];
                    acc[44 + a] += sd[a] * tv;
                    pacc[a] += sd[a] * iv;
                }
                var wt = wv * tv;
                acc[52] += wv;
                acc[53] += wt;
                acc[54] += wt * tv;
                var wi = wv * iv;
                pacc[8] += wi;
                pacc[9] += wi * tv;
            }
            for (var k = 0; k < 55; k++)
                normal[k] += Vector256.Sum(acc[k]);
            for (var k = 0; k < 10; k++)
                projection[k] += Vector256.Sum(pacc[k]);
        }
        return (normal, projection);
    }

    private static Vector256<float>[] Steepest(Vector256<float> gx, Vector256<float> gy, Vector256<float> x, Vector256<float> y)
    {
        var sd = new[] { gx * x, gx * y, gx, gy * x, gy * y, gy, default, default };
        var radial = sd[0] + sd[4];
        sd[6] = -(radial * x);
        sd[7] = -(radial * y);
        return sd;
    }

    private static Mat Random(int width, int height, int seed, double low, double high)
    {
        var rng = new Random(seed);
        var values = new float[width * height];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(low + rng.NextDouble() * (high - low));
        var image = new Mat(height, width, MatType.CV_32FC1);
        image.SetArray(values);
        return image;
    }
}
