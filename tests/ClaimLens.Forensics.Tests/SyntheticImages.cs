using OpenCvSharp;

namespace ClaimLens.Forensics.Tests;

/// <summary>Photo-like test images made in memory: smooth shading, shapes with edges, text and sensor-like
/// noise, so that feature detectors, JPEG and noise statistics behave as on real photos.</summary>
internal static class SyntheticImages
{
    public static Mat Scene(int width, int height, int seed = 1)
    {
        var rng = new Random(seed);
        var image = new Mat();
        // Vertical shading like window light on a table: a one-pixel-wide ramp stretched across.
        var ramp = new byte[height];
        for (var row = 0; row < height; row++)
            ramp[row] = (byte)(90 + 80 * row / height);
        using (var column = Mat.FromPixelData(height, 1, MatType.CV_8UC1, ramp))
        using (var shaded = new Mat())
        {
            Cv2.Resize(column, shaded, new Size(width, height), 0, 0, InterpolationFlags.Nearest);
            Cv2.Merge([shaded, shaded, shaded], image);
        }
        for (var i = 0; i < 40; i++)
        {
            var colour = new Scalar(rng.Next(256), rng.Next(256), rng.Next(256));
            var centre = new Point(rng.Next(width), rng.Next(height));
            var size = Math.Max(4, Math.Min(width, height) / 8);
            switch (i % 3)
            {
                case 0: Cv2.Circle(image, centre, rng.Next(3, size), colour, -1, LineTypes.AntiAlias); break;
                case 1: Cv2.Rectangle(image, new Rect(centre.X, centre.Y, rng.Next(3, size), rng.Next(3, size)), colour, -1); break;
                default: Cv2.PutText(image, $"SKU-{rng.Next(1000, 9999)}", centre, HersheyFonts.HersheySimplex, Math.Max(0.3, width / 800.0), colour, 2, LineTypes.AntiAlias); break;
            }
        }
        using var noise = new Mat(height, width, MatType.CV_16SC3);
        new RNG((ulong)rng.NextInt64(1, long.MaxValue)).Fill(noise, DistributionType.Normal, new Scalar(0, 0, 0), new Scalar(3, 3, 3));
        using var wide = new Mat();
        image.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        wide.ConvertTo(image, MatType.CV_8UC3);
        return image;
    }

    public static byte[] Jpeg(int width, int height, int quality = 92, int seed = 1)
    {
        using var scene = Scene(width, height, seed);
        return scene.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }

    public static byte[] Png(int width, int height, int seed = 1)
    {
        using var scene = Scene(width, height, seed);
        return scene.ImEncode(".png");
    }
}
