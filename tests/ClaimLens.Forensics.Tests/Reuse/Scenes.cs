using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Reuse;

/// <summary>Self-made test pictures: product-photo-like scenes (a background gradient, a few shapes, text)
/// drawn from a seed, so different seeds give different pictures of the same kind.</summary>
internal static class Scenes
{
    public static Mat Draw(int seed, int width = 960, int height = 720)
    {
        var random = new Random(seed);
        var mat = new Mat(height, width, MatType.CV_8UC3);
        var a = new Scalar(random.Next(256), random.Next(256), random.Next(256));
        var b = new Scalar(random.Next(256), random.Next(256), random.Next(256));
        // A diagonal gradient background, like a table top under a lamp. (Not a purely vertical one: rows of
        // one flat colour are indistinguishable from a screenshot frame and get trimmed; see the decision record.)
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x += 8)
            {
                var t = (double)(x + y) / (width + height);
                Cv2.Rectangle(mat, new Rect(x, y, 8, 1),
                    new Scalar(a.Val0 * (1 - t) + b.Val0 * t, a.Val1 * (1 - t) + b.Val1 * t, a.Val2 * (1 - t) + b.Val2 * t), -1);
            }
        }
        for (var i = 0; i < 8; i++)
        {
            var colour = new Scalar(random.Next(256), random.Next(256), random.Next(256));
            var centre = new Point(random.Next(width), random.Next(height));
            switch (random.Next(3))
            {
                case 0:
                    Cv2.Circle(mat, centre, random.Next(30, 200), colour, -1, LineTypes.AntiAlias);
                    break;
                case 1:
                    Cv2.Rectangle(mat, new Rect(centre.X - 100, centre.Y - 60, random.Next(60, 300), random.Next(60, 300)), colour, -1);
                    break;
                default:
                    Cv2.Ellipse(mat, centre, new Size(random.Next(40, 250), random.Next(20, 120)), random.Next(180), 0, 360, colour, -1, LineTypes.AntiAlias);
                    break;
            }
        }
        Cv2.PutText(mat, $"SKU {seed:D5}", new Point(random.Next(width / 2), random.Next(60, height - 20)),
            HersheyFonts.HersheySimplex, 2.0, Scalar.White, 4, LineTypes.AntiAlias);
        // Sensor-like noise so flat areas are not perfectly flat.
        using var noise = new Mat(height, width, MatType.CV_8UC3);
        new RNG((ulong)random.NextInt64(1, long.MaxValue)).Fill(noise, DistributionType.Normal, new Scalar(0, 0, 0), new Scalar(4, 4, 4));
        Cv2.Add(mat, noise, mat);
        return mat;
    }
}
