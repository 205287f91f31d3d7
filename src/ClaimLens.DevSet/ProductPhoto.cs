using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Draws a merchant-style listing photo of a boxed product (a smart lock) so the demo needs no
/// data files: a table under soft light, the box in perspective with its shadow, printed label, barcode
/// and sensor-like noise.</summary>
public static class ProductPhoto
{
    /// <summary>The listing photo, <paramref name="width"/> x <paramref name="height"/>, the same for the same seed.</summary>
    public static Mat Draw(int width = 2400, int height = 1800, int seed = 2026)
    {
        var rng = new Random(seed);
        var photo = new Mat(height, width, MatType.CV_8UC3);
        // Table: warm light from the top left fading to the bottom right.
        var ramp = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                ramp[y * width + x] = (byte)(215 - 55.0 * (x + y) / (width + height));
        using (var grey = Mat.FromPixelData(height, width, MatType.CV_8UC1, ramp))
        {
            using var b = new Mat();
            using var r = new Mat();
            Cv2.Subtract(grey, new Scalar(12), b);
            Cv2.Add(grey, new Scalar(6), r);
            Cv2.Merge([b, grey, r], photo);
        }

        Point P(double fx, double fy) => new((int)(fx * width), (int)(fy * height));
        Point[] front = [P(0.30, 0.30), P(0.66, 0.27), P(0.68, 0.78), P(0.31, 0.82)];
        Point[] top = [P(0.30, 0.30), P(0.38, 0.20), P(0.73, 0.18), P(0.66, 0.27)];
        Point[] side = [P(0.66, 0.27), P(0.73, 0.18), P(0.75, 0.67), P(0.68, 0.78)];

        using (var shadow = new Mat(height, width, MatType.CV_8UC1, Scalar.Black))
        {
            Cv2.FillConvexPoly(shadow, [P(0.31, 0.82), P(0.68, 0.78), P(0.80, 0.70), P(0.75, 0.67)], Scalar.White, LineTypes.AntiAlias);
            Cv2.GaussianBlur(shadow, shadow, new Size(0, 0), width / 60.0);
            using var darken = new Mat();
            Cv2.CvtColor(shadow, darken, ColorConversionCodes.GRAY2BGR);
            Cv2.ScaleAdd(darken, -0.35, photo, photo);
        }

        Cv2.FillConvexPoly(photo, front, new Scalar(48, 38, 170), LineTypes.AntiAlias);
        Cv2.FillConvexPoly(photo, top, new Scalar(90, 80, 205), LineTypes.AntiAlias);
        Cv2.FillConvexPoly(photo, side, new Scalar(35, 28, 120), LineTypes.AntiAlias);
        Cv2.PutText(photo, "SECURA", P(0.36, 0.40), HersheyFonts.HersheyDuplex, width / 700.0, Scalar.White, width / 600, LineTypes.AntiAlias);
        Cv2.PutText(photo, "Smart Lock S7", P(0.36, 0.47), HersheyFonts.HersheySimplex, width / 1400.0, new Scalar(230, 230, 240), width / 1200, LineTypes.AntiAlias);
        Cv2.Rectangle(photo, new Rect(P(0.40, 0.53), new Size(width * 0.16, height * 0.16)), new Scalar(210, 210, 215), -1, LineTypes.AntiAlias);
        Cv2.Circle(photo, P(0.48, 0.61), width / 40, new Scalar(60, 60, 70), width / 300, LineTypes.AntiAlias);
        for (int i = 0, x = (int)(0.52 * width); i < 40; i++, x += 2 + rng.Next(8))
            Cv2.Line(photo, new Point(x, (int)(0.70 * height)), new Point(x, (int)(0.76 * height)), Scalar.Black, 1 + rng.Next(3));
        Cv2.PutText(photo, "6 901234 567892", P(0.52, 0.785), HersheyFonts.HersheyPlain, width / 1300.0, Scalar.Black, 2, LineTypes.AntiAlias);

        using var noise = new Mat(height, width, MatType.CV_16SC3);
        // Seeded, not Cv2.Randn, whose thread-local state would make the same seed draw different photos.
        new RNG((ulong)seed).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(2.5));
        using var wide = new Mat();
        photo.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        wide.ConvertTo(photo, MatType.CV_8UC3);
        Cv2.GaussianBlur(photo, photo, new Size(3, 3), 0.6);
        return photo;
    }
}
