using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>3x3 homographies as row-major double[9], and the pixel-centre maps of the resamplings used.</summary>
internal static class Projective
{
    public static double[] Identity => [1, 0, 0, 0, 1, 0, 0, 0, 1];

    public static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        }
        return r;
    }

    public static double[]? Invert(double[] m)
    {
        var det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.Abs(det) < 1e-12 || !double.IsFinite(det))
            return null;
        var inv = new[]
        {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
        };
        for (var i = 0; i < 9; i++)
            inv[i] /= det;
        return inv;
    }

    /// <summary>Pixel-centre map of a resize by fx, fy (OpenCV: x' = (x + 0.5) f - 0.5).</summary>
    public static double[] Resize(double fx, double fy) => [fx, 0, 0.5 * fx - 0.5, 0, fy, 0.5 * fy - 0.5, 0, 0, 1];

    /// <summary>Map of <paramref name="levels"/> pyrDown steps (each keeps pixel 2i as pixel i).</summary>
    public static double[] PyrDown(int levels)
    {
        var f = Math.Pow(0.5, levels);
        return [f, 0, 0, 0, f, 0, 0, 0, 1];
    }

    /// <summary>Horizontal mirror of an image <paramref name="width"/> pixels wide.</summary>
    public static double[] MirrorX(int width) => [-1, 0, width - 1, 0, 1, 0, 0, 0, 1];

    /// <summary>The whole-pixel move (quarter-turn rotation or mirror, then an integer shift) that <paramref name="h"/>
    /// is within <paramref name="tolerance"/> of, entry by entry in its linear part, over an image
    /// <paramref name="width"/> × <paramref name="height"/>; null when it is not near one.</summary>
    public static double[]? NearestPixelMove(double[] h, double tolerance, int width, int height)
    {
        var n = Normalized(h);
        // Perspective: how far the farthest corner's scale departs from 1 because of the bottom row.
        if ((Math.Abs(n[6]) * width) + (Math.Abs(n[7]) * height) > tolerance)
            return null;
        double[] linear = [n[0], n[1], n[3], n[4]];
        var snapped = new double[4];
        for (var i = 0; i < 4; i++)
        {
            snapped[i] = Math.Round(linear[i]);
            if (Math.Abs(linear[i] - snapped[i]) > tolerance || Math.Abs(snapped[i]) > 1)
                return null;
        }
        // A signed permutation: one ±1 in each row and column ([[1, 1], [0, 1]] has determinant 1 but is a shear).
        var (a, b, c, d) = (snapped[0], snapped[1], snapped[2], snapped[3]);
        if (a * b != 0 || c * d != 0 || a * c != 0 || b * d != 0 || Math.Abs((a * d) - (b * c)) != 1)
            return null;
        // The shift that makes the move agree with the fit at the picture's centre, where the fit is best
        // determined (at the origin a 0.1 % scale error alone would already be a pixel off).
        var (cx, cy) = ((width - 1) / 2.0, (height - 1) / 2.0);
        var z = (n[6] * cx) + (n[7] * cy) + 1;
        var fx = ((n[0] * cx) + (n[1] * cy) + n[2]) / z;
        var fy = ((n[3] * cx) + (n[4] * cy) + n[5]) / z;
        return [a, b, Math.Round(fx - (a * cx) - (b * cy)), c, d, Math.Round(fy - (c * cx) - (d * cy)), 0, 0, 1];
    }

    public static Mat ToMat(double[] h, MatType type)
    {
        var mat = new Mat(3, 3, MatType.CV_64FC1);
        for (var i = 0; i < 9; i++)
            mat.Set(i / 3, i % 3, h[i]);
        if (type == MatType.CV_64FC1)
            return mat;
        var converted = new Mat();
        mat.ConvertTo(converted, type);
        mat.Dispose();
        return converted;
    }

    public static double[] FromMat(Mat m)
    {
        using var d = new Mat();
        m.ConvertTo(d, MatType.CV_64FC1);
        var h = new double[9];
        for (var i = 0; i < 9; i++)
            h[i] = d.At<double>(i / 3, i % 3);
        return h;
    }

    public static double[] Normalized(double[] h) => Math.Abs(h[8]) > 1e-12 ? h.Select(v => v / h[8]).ToArray() : h;

    /// <summary>Mean linear scale of the map around a point (square root of the Jacobian's determinant).</summary>
    public static double LocalScale(double[] h, double x, double y)
    {
        var w = h[6] * x + h[7] * y + h[8];
        var u = h[0] * x + h[1] * y + h[2];
        var v = h[3] * x + h[4] * y + h[5];
        var dux = (h[0] * w - u * h[6]) / (w * w);
        var duy = (h[1] * w - u * h[7]) / (w * w);
        var dvx = (h[3] * w - v * h[6]) / (w * w);
        var dvy = (h[4] * w - v * h[7]) / (w * w);
        return Math.Sqrt(Math.Abs(dux * dvy - duy * dvx));
    }

    /// <summary>Rotation of the map around a point, degrees, in the image's y-down frame.</summary>
    public static double RotationDegrees(double[] h, bool mirrored)
    {
        var a = mirrored ? -h[0] : h[0];
        var c = h[3];
        return Math.Atan2(c, a) * 180 / Math.PI;
    }
}
