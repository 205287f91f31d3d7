using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

/// <summary>Images the tests draw themselves, so no test depends on the shared photo folder.</summary>
internal static class TestImages
{
    /// <summary>A busy scene: gradient, shapes in many colours and fine texture, like a product on a table.</summary>
    public static Mat Textured(int seed, int width = 480, int height = 360)
    {
        var rng = new Random(seed);
        var image = new Mat(new Size(width, height), MatType.CV_8UC3);
        var gradient = new Mat(new Size(width, height), MatType.CV_8UC3);
        for (var y = 0; y < height; y++)
        {
            var v = (byte)(60 + (120 * y / height));
            gradient.Line(new Point(0, y), new Point(width - 1, y), new Scalar(v, 140 - (v / 3), 200 - (v / 2)));
        }
        using var noise = new Mat(new Size(width, height), MatType.CV_8UC3);
        new RNG((ulong)seed + 1).Fill(noise, DistributionType.Uniform, Scalar.All(0), Scalar.All(40));
        Cv2.Add(gradient, noise, image);
        gradient.Dispose();
        for (var i = 0; i < 40; i++)
        {
            var colour = new Scalar(rng.Next(256), rng.Next(256), rng.Next(256));
            var center = new Point(rng.Next(width), rng.Next(height));
            if (i % 2 == 0) image.Circle(center, rng.Next(5, 40), colour, -1, LineTypes.AntiAlias);
            else image.Rectangle(new Rect(center.X, center.Y, rng.Next(5, 60), rng.Next(5, 60)), colour, -1);
        }
        for (var i = 0; i < 15; i++)
        {
            image.Line(new Point(rng.Next(width), rng.Next(height)), new Point(rng.Next(width), rng.Next(height)),
                new Scalar(rng.Next(256), rng.Next(256), rng.Next(256)), rng.Next(1, 4), LineTypes.AntiAlias);
        }
        return image;
    }

    /// <summary>A plain mid-grey card with a very gentle gradient: anything beyond that is noise.</summary>
    public static Mat Flat(int width = 480, int height = 360)
    {
        var image = new Mat(new Size(width, height), MatType.CV_8UC3);
        for (var x = 0; x < width; x++)
        {
            image.Line(new Point(x, 0), new Point(x, height - 1), Scalar.All(120 + (16 * x / width)));
        }
        return image;
    }

    public static double MaxAbsDiff(Mat a, Mat b, Mat? where = null)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        using var flat = diff.Reshape(1);
        if (where is null)
        {
            Cv2.MinMaxLoc(flat, out _, out double max);
            return max;
        }
        var channels = Cv2.Split(diff);
        var worst = 0.0;
        foreach (var c in channels)
        {
            Cv2.MinMaxLoc(c, out _, out double max, out _, out _, where);
            worst = Math.Max(worst, max);
            c.Dispose();
        }
        return worst;
    }

    public static Mat Inverse(Mat mask)
    {
        var inverse = new Mat();
        Cv2.BitwiseNot(mask, inverse);
        return inverse;
    }

    public static double Fraction(Mat mask) => Cv2.CountNonZero(mask) / (double)(mask.Rows * mask.Cols);
}
