using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Thin-line edits: cracks and pen scribbles.</summary>
internal static class StrokePainter
{
    private const int MaxRays = 400;
    private const int MaxScribbles = 60;

    private static readonly string[] Words = ["broken", "damaged", "crack", "X", "faulty", "NG", "refund", "scratch", "dent", "torn"];

    /// <summary>A spider-web crack: jagged rays from an impact point with thinner branches, anti-aliased, dark
    /// in the core with a faint shadow halo, so it darkens the surface as a real fracture does.</summary>
    public static void Crack(Mat image, Random rng, double area)
    {
        var size = image.Size();
        var diag = Math.Sqrt((double)size.Width * size.Width + (double)size.Height * size.Height);
        var width = Math.Max(1.0, diag / rng.Uniform(900, 1600));
        using var strokes = new Mat(size, MatType.CV_8UC1, Scalar.All(0));
        var all = new List<Point>();
        var origin = Shapes.Center(image, rng, Math.Max(4, diag * 0.06), brightWeight: 1, textureWeight: 0.3);
        // The halo adds area of its own; the caller's size correction settles the exact ratio.
        var budget = area * 0.5;
        var drawn = 0.0;
        var raysFromOrigin = 0;
        for (var ray = 0; ray < MaxRays && drawn < budget; ray++)
        {
            var branch = all.Count > 0 && rng.Chance(0.45);
            Point2d start;
            double angle;
            double length;
            int thickness;
            if (branch)
            {
                var p = all[rng.Next(all.Count)];
                start = new Point2d(p.X, p.Y);
                angle = rng.Uniform(0, 2 * Math.PI);
                length = diag * rng.Uniform(0.02, 0.08);
                thickness = Math.Max(1, (int)Math.Round(width * 0.6));
            }
            else
            {
                if (raysFromOrigin >= 7 && all.Count > 0)
                {
                    // A second impact near the existing web keeps big cracks connected.
                    var p = all[rng.Next(all.Count)];
                    origin = new Point2d(p.X, p.Y);
                    raysFromOrigin = 0;
                }
                start = origin;
                angle = rng.Uniform(0, 2 * Math.PI);
                length = diag * rng.Uniform(0.06, 0.25);
                thickness = Math.Max(1, (int)Math.Round(width));
                raysFromOrigin++;
            }
            var points = JaggedPath(rng, start, angle, length, diag, size);
            if (points.Length < 2) continue;
            var half = points.Length / 2;
            Cv2.Polylines(strokes, [points[..(half + 1)]], false, Scalar.All(255), thickness, LineTypes.AntiAlias);
            Cv2.Polylines(strokes, [points[half..]], false, Scalar.All(255), Math.Max(1, thickness - 1), LineTypes.AntiAlias);
            all.AddRange(points);
            drawn += PathLength(points) * (thickness + 0.5);
        }
        if (all.Count == 0) return;

        var haloSigma = Math.Max(1.5, width * 2.5);
        var roi = Shapes.Bounds(all, (int)Math.Ceiling(haloSigma * 3) + 4, size);
        using var core = new Mat();
        using (var view = new Mat(strokes, roi)) view.ConvertTo(core, MatType.CV_32FC1, 1.0 / 255);
        Cv2.GaussianBlur(core, core, new Size(0, 0), rng.Uniform(0.5, 0.8));
        using var halo = new Mat();
        Cv2.GaussianBlur(core, halo, new Size(0, 0), haloSigma);
        using var darkness = new Mat();
        Cv2.Multiply(core, Scalar.All(rng.Uniform(0.6, 0.85)), darkness);
        Cv2.Multiply(halo, Scalar.All(rng.Uniform(0.3, 0.6)), halo);
        Cv2.Threshold(halo, halo, 0.35, 0.35, ThresholdTypes.Trunc);
        Cv2.Max(darkness, halo, darkness);
        using var black = new Mat(roi.Size, MatType.CV_8UC3, Scalar.All(rng.Uniform(5, 25)));
        Pixels.Blend(image, roi, black, darkness);
    }

    /// <summary>Handwriting and loops in ballpoint or marker ink, as if someone wrote on the product.</summary>
    public static void Scribble(Mat image, Random rng, double area)
    {
        var size = image.Size();
        var diag = Math.Sqrt((double)size.Width * size.Width + (double)size.Height * size.Height);
        var ink = rng.Pick<Scalar>([new Scalar(150, 60, 25), new Scalar(30, 30, 30), new Scalar(40, 40, 180), new Scalar(40, 130, 40)]);
        var thickness = Math.Max(1, (int)Math.Round(diag / rng.Uniform(500, 1100)));
        using var strokes = new Mat(size, MatType.CV_8UC1, Scalar.All(0));
        var textHeight = Math.Clamp(Math.Sqrt(area) / 2.5, 10, size.Height / 3.0);
        var cursor = Shapes.Center(image, rng, textHeight * 2, brightWeight: 1, textureWeight: 0);
        var all = new List<Point>();
        for (var i = 0; i < MaxScribbles && Cv2.CountNonZero(strokes) < area * 0.7; i++)
        {
            if (rng.Chance(0.5))
            {
                var word = rng.Pick(Words);
                var font = rng.Chance(0.5) ? HersheyFonts.HersheyScriptSimplex : HersheyFonts.HersheyScriptComplex;
                var scale = textHeight / 22.0;
                var box = Cv2.GetTextSize(word, font, scale, thickness, out _);
                var org = new Point((int)(cursor.X - (box.Width / 2.0)), (int)(cursor.Y + (box.Height / 2.0)));
                Cv2.PutText(strokes, word, org, font, scale, Scalar.All(255), thickness, LineTypes.AntiAlias);
                all.Add(org);
                all.Add(new Point(org.X + box.Width, org.Y - box.Height));
            }
            else
            {
                var loop = Loop(rng, cursor, textHeight);
                Cv2.Polylines(strokes, [loop], false, Scalar.All(255), thickness, LineTypes.AntiAlias);
                all.AddRange(loop);
            }
            cursor = new Point2d(
                Math.Clamp(cursor.X + rng.Gaussian(textHeight), 0, size.Width - 1),
                Math.Clamp(cursor.Y + (textHeight * rng.Uniform(0.6, 1.4)), 0, size.Height - 1));
            if (cursor.Y > size.Height - textHeight) cursor = Shapes.Center(rng, size, textHeight * 2);
        }
        var roi = Shapes.Bounds(all, (int)(textHeight * 2) + 4, size);
        using var alpha = new Mat();
        using (var view = new Mat(strokes, roi)) view.ConvertTo(alpha, MatType.CV_32FC1, rng.Uniform(0.75, 0.95) / 255);
        Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), 0.6);
        using var inkMat = new Mat(roi.Size, MatType.CV_8UC3, ink);
        Pixels.Blend(image, roi, inkMat, alpha);
    }

    private static Point[] JaggedPath(Random rng, Point2d start, double angle, double length, double diag, Size size)
    {
        var points = new List<Point> { new((int)Math.Round(start.X), (int)Math.Round(start.Y)) };
        var p = start;
        var travelled = 0.0;
        // Fractures run nearly straight: the heading drifts slowly and each segment only kinks around it.
        var heading = angle;
        for (var step = 0; step < 200 && travelled < length; step++)
        {
            var seg = diag * rng.Uniform(0.004, 0.015);
            heading += rng.Gaussian(0.06);
            var kink = heading + rng.Gaussian(0.22);
            p = new Point2d(p.X + (seg * Math.Cos(kink)), p.Y + (seg * Math.Sin(kink)));
            if (p.X < 0 || p.Y < 0 || p.X >= size.Width || p.Y >= size.Height) break;
            points.Add(new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)));
            travelled += seg;
        }
        return [.. points];
    }

    private static Point[] Loop(Random rng, Point2d center, double size)
    {
        var n = 60;
        var turns = rng.Uniform(1, 3);
        var ax = size * rng.Uniform(0.4, 1.2);
        var ay = size * rng.Uniform(0.3, 0.8);
        var drift = size * rng.Uniform(0.2, 0.6);
        var phase = rng.Uniform(0, 2 * Math.PI);
        var points = new Point[n];
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / (n - 1);
            var theta = (2 * Math.PI * turns * t) + phase;
            points[i] = new Point(
                (int)Math.Round(center.X + (ax * Math.Cos(theta)) + (drift * t * 3)),
                (int)Math.Round(center.Y + (ay * Math.Sin(theta))));
        }
        return points;
    }

    private static double PathLength(Point[] points)
    {
        var sum = 0.0;
        for (var i = 1; i < points.Length; i++) sum += points[i].DistanceTo(points[i - 1]);
        return sum;
    }
}
