using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Irregular regions for the edits: blobs with a wobbly outline, placed inside the image.</summary>
internal static class Shapes
{
    private const int Vertices = 256;

    /// <summary>A closed outline of about <paramref name="area"/> pixels around <paramref name="center"/>.
    /// <paramref name="ragged"/> in 0..1 adds high-frequency edge noise (torn paper).</summary>
    public static Point[] Blob(Random rng, Point2d center, double area, double ragged)
    {
        var harmonics = new (int K, double Amp, double Phase)[4];
        for (var i = 0; i < harmonics.Length; i++)
        {
            harmonics[i] = (i + 2, rng.Uniform(0.03, 0.18), rng.Uniform(0, 2 * Math.PI));
        }
        var stretch = rng.Uniform(0.65, 1.5);
        var tilt = rng.Uniform(0, Math.PI);
        var unit = new Point2d[Vertices];
        var walk = 0.0;
        for (var v = 0; v < Vertices; v++)
        {
            var theta = 2 * Math.PI * v / Vertices;
            var r = 1.0;
            foreach (var (k, amp, phase) in harmonics) r += amp * Math.Sin((k * theta) + phase);
            if (ragged > 0)
            {
                // Torn edges are rough at every scale: a correlated wander plus fine fibre-sized jitter.
                walk = (0.9 * walk) + rng.Gaussian(0.025);
                r += ragged * (walk + rng.Gaussian(0.006));
            }
            r = Math.Max(0.2, r);
            var x = r * Math.Cos(theta) * stretch;
            var y = r * Math.Sin(theta) / stretch;
            unit[v] = new Point2d((x * Math.Cos(tilt)) - (y * Math.Sin(tilt)), (x * Math.Sin(tilt)) + (y * Math.Cos(tilt)));
        }
        var scale = Math.Sqrt(area / Math.Max(1e-9, PolygonArea(unit)));
        return unit.Select(p => new Point((int)Math.Round(center.X + (p.X * scale)), (int)Math.Round(center.Y + (p.Y * scale)))).ToArray();
    }

    /// <summary>A centre that keeps a shape of radius <paramref name="radius"/> inside the image when possible.</summary>
    public static Point2d Center(Random rng, Size size, double radius)
    {
        double Axis(int length)
        {
            var margin = Math.Min(radius + 2, length / 2.0);
            return rng.Uniform(margin, length - margin);
        }
        return new Point2d(Axis(size.Width), Axis(size.Height));
    }

    /// <summary>The best of a few random centres by local brightness and texture. A fraudster paints damage
    /// on the product, not on a black or defocused background where the edit would hardly move a pixel.</summary>
    public static Point2d Center(Mat image, Random rng, double radius, double brightWeight, double textureWeight)
    {
        var size = image.Size();
        var best = Center(rng, size, radius);
        var bestScore = double.MinValue;
        var half = (int)Math.Max(2, radius);
        for (var i = 0; i < 8; i++)
        {
            var c = i == 0 ? best : Center(rng, size, radius);
            var window = Clip(new Rect((int)c.X - half, (int)c.Y - half, 2 * half, 2 * half), size);
            using var view = new Mat(image, window);
            Cv2.MeanStdDev(view, out var mean, out var std);
            var score = (brightWeight * (mean.Val0 + mean.Val1 + mean.Val2) / 3) + (textureWeight * (std.Val0 + std.Val1 + std.Val2) / 3)
                + rng.Uniform(0, 10);
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    public static double PolygonArea(IReadOnlyList<Point2d> points)
    {
        var sum = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Count];
            sum += (a.X * b.Y) - (b.X * a.Y);
        }
        return Math.Abs(sum) / 2;
    }

    /// <summary>Bounding box of the points grown by <paramref name="pad"/> and clipped to the image.</summary>
    public static Rect Bounds(IEnumerable<Point> points, int pad, Size size)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var p in points)
        {
            x0 = Math.Min(x0, p.X);
            y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X);
            y1 = Math.Max(y1, p.Y);
        }
        if (x0 == int.MaxValue) return new Rect(0, 0, size.Width, size.Height);
        return Clip(new Rect(x0 - pad, y0 - pad, x1 - x0 + (2 * pad) + 1, y1 - y0 + (2 * pad) + 1), size);
    }

    public static Rect Clip(Rect r, Size size)
    {
        var x0 = Math.Clamp(r.X, 0, size.Width - 1);
        var y0 = Math.Clamp(r.Y, 0, size.Height - 1);
        var x1 = Math.Clamp(r.X + r.Width, x0 + 1, size.Width);
        var y1 = Math.Clamp(r.Y + r.Height, y0 + 1, size.Height);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The polygon filled into an 8-bit mask of the ROI, then softened into a 0..1 float alpha.</summary>
    public static Mat FeatheredAlpha(Point[] polygon, Rect roi, double featherSigma)
    {
        using var hard = new Mat(roi.Size, MatType.CV_8UC1, Scalar.All(0));
        var shifted = polygon.Select(p => new Point(p.X - roi.X, p.Y - roi.Y)).ToArray();
        Cv2.FillPoly(hard, [shifted], Scalar.All(255), LineTypes.AntiAlias);
        var alpha = new Mat();
        hard.ConvertTo(alpha, MatType.CV_32FC1, 1.0 / 255);
        if (featherSigma > 0.3) Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), featherSigma);
        return alpha;
    }
}
