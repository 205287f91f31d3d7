using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Pixels;

/// <summary>Images drawn in memory for the pixel tests, so they run without the shared photos.</summary>
internal static class SyntheticImages
{
    /// <summary>Smooth shading and a few soft shapes under Gaussian sensor-like noise.</summary>
    public static Mat NoisyScene(int width, int height, double noiseSigma, int seed)
    {
        var scene = new Mat(height, width, MatType.CV_8UC3);
        var rng = new Random(seed);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = (byte)(70 + 90.0 * x / width + 40.0 * y / height);
                scene.Set(y, x, new Vec3b(v, (byte)(v * 0.9), (byte)(v * 0.8)));
            }
        }
        for (var i = 0; i < 6; i++)
        {
            var colour = new Scalar(rng.Next(60, 200), rng.Next(60, 200), rng.Next(60, 200));
            Cv2.Circle(scene, new Point(rng.Next(width), rng.Next(height)), rng.Next(20, 80), colour, -1, LineTypes.AntiAlias);
        }
        Cv2.GaussianBlur(scene, scene, new Size(0, 0), 3);
        AddNoise(scene, noiseSigma, seed + 1);
        return scene;
    }

    /// <summary>Random, non-repeating texture with strong corners everywhere (like gravel or fabric).</summary>
    public static Mat Texture(int width, int height, int seed)
    {
        var texture = new Mat(height, width, MatType.CV_8UC3, Scalar.All(128));
        var rng = new Random(seed);
        for (var i = 0; i < width * height / 150; i++)
        {
            var colour = new Scalar(rng.Next(256), rng.Next(256), rng.Next(256));
            var p = new Point(rng.Next(width), rng.Next(height));
            if (i % 2 == 0)
                Cv2.Circle(texture, p, rng.Next(2, 9), colour, -1);
            else
                Cv2.Line(texture, p, new Point(p.X + rng.Next(-15, 16), p.Y + rng.Next(-15, 16)), colour, rng.Next(1, 3));
        }
        Cv2.GaussianBlur(texture, texture, new Size(0, 0), 0.8);
        AddNoise(texture, 3, seed + 1);
        return texture;
    }

    public static void AddNoise(Mat image, double sigma, int seed)
    {
        var rng = new Random(seed);
        var channels = image.Channels();
        var values = new byte[image.Rows * image.Cols * channels];
        using (var continuous = image.Clone())
            System.Runtime.InteropServices.Marshal.Copy(continuous.Data, values, 0, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            // Box-Muller: a reproducible normal sample.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[i] = (byte)Math.Clamp(Math.Round(values[i] + sigma * gaussian), 0, 255);
        }
        using var noisy = Mat.FromPixelData(image.Rows, image.Cols, image.Type(), values);
        noisy.CopyTo(image);
    }

    public static byte[] Jpeg(Mat image, int quality) =>
        image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));

    /// <summary>Encodes at <paramref name="firstQuality"/>, decodes, and encodes again at <paramref name="secondQuality"/>.</summary>
    public static byte[] JpegTwice(Mat image, int firstQuality, int secondQuality)
    {
        using var once = Cv2.ImDecode(Jpeg(image, firstQuality), ImreadModes.Color);
        return Jpeg(once, secondQuality);
    }

    /// <summary>A decoded image straight from pixels, as the loader would give for an uncompressed file.</summary>
    public static DecodedImage Decoded(Mat bgr) => new(ImageFormat.Png, bgr.Width, bgr.Height, bgr.Clone());
}
