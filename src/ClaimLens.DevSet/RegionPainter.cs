using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Area edits: stains, tears, inpainting, cloning, blurring and colour shifts inside an irregular blob.</summary>
internal static class RegionPainter
{
    /// <summary>A coffee- or grease-like blot: multiplicative darkening (texture survives) with a blotchy
    /// interior, a slightly darker rim and a soft edge.</summary>
    public static void Stain(Mat image, Random rng, double area)
    {
        var (polygon, roi, feather) = Place(image, rng, area, rng.Uniform(2, 6), ragged: 0.2);
        using var alpha = Shapes.FeatheredAlpha(polygon, roi, feather);
        using var blotch = Pixels.SmoothField(rng, roi.Size, rng.Next(3, 8));
        Cv2.AddWeighted(blotch, 0.5, blotch, 0, 0.5, blotch);
        using var rim = new Mat();
        using var inner = new Mat();
        Cv2.GaussianBlur(alpha, inner, new Size(0, 0), feather * 2 + 2);
        Cv2.Subtract(alpha, inner, rim);
        Cv2.Threshold(rim, rim, 0, 0, ThresholdTypes.Tozero);
        using var strength = new Mat();
        Cv2.Multiply(alpha, blotch, strength);
        Cv2.ScaleAdd(rim, 1.5, strength, strength);
        Cv2.Multiply(strength, Scalar.All(rng.Uniform(0.45, 0.9)), strength);
        Cv2.Threshold(strength, strength, 1, 1, ThresholdTypes.Trunc);
        var tint = rng.Chance(0.7)
            ? new Scalar(rng.Uniform(0.35, 0.55), rng.Uniform(0.55, 0.7), rng.Uniform(0.7, 0.85)) // brown: blue absorbed most
            : Scalar.All(rng.Uniform(0.5, 0.7));                                                  // grey grease
        using var darker = new Mat();
        using (var view = new Mat(image, roi)) view.ConvertTo(darker, MatType.CV_32FC3);
        Cv2.Multiply(darker, tint, darker);
        Pixels.Blend(image, roi, darker, strength);
    }

    /// <summary>A ragged torn patch, either a lighter exposed layer or a dark hole, with fibres along the
    /// edge and a shadow cast to one side.</summary>
    public static void Tear(Mat image, Random rng, double area)
    {
        var (polygon, roi, _) = Place(image, rng, area * 0.8, 8, ragged: 1.0);
        using var alpha = Shapes.FeatheredAlpha(polygon, roi, 0.7);
        using var src = new Mat();
        using (var view = new Mat(image, roi)) view.ConvertTo(src, MatType.CV_32FC3);
        using var fibres = Pixels.Normal(rng, roi.Size, MatType.CV_32FC1);
        Cv2.GaussianBlur(fibres, fibres, new Size(0, 0), rng.Uniform(0.8, 1.5), rng.Uniform(2, 4));
        var lighter = rng.Chance(0.6);
        using var fill = new Mat();
        if (lighter)
        {
            var paper = new Scalar(rng.Uniform(200, 235), rng.Uniform(205, 240), rng.Uniform(210, 245));
            using var paperMat = new Mat(roi.Size, MatType.CV_32FC3, paper);
            // Some of the surface's own shading shows through the exposed layer.
            Cv2.AddWeighted(src, rng.Uniform(0.2, 0.4), paperMat, rng.Uniform(0.6, 0.75), 0, fill);
        }
        else
        {
            Cv2.Multiply(src, Scalar.All(rng.Uniform(0.15, 0.3)), fill);
        }
        using var fibres3 = new Mat();
        Cv2.Merge([fibres, fibres, fibres], fibres3);
        Cv2.ScaleAdd(fibres3, rng.Uniform(6, 14), fill, fill);
        Pixels.Blend(image, roi, fill, alpha);

        // Shadow: the blob shifted toward the light's far side, outside a lifted flap or inside a hole.
        var angle = rng.Uniform(0, 2 * Math.PI);
        var offset = Math.Max(2, Math.Sqrt(area) * rng.Uniform(0.02, 0.05));
        using var shifted = new Mat();
        using var m = Mat.FromArray(new double[,] { { 1, 0, offset * Math.Cos(angle) }, { 0, 1, offset * Math.Sin(angle) } });
        Cv2.WarpAffine(alpha, shifted, m, roi.Size);
        using var shadow = new Mat();
        if (lighter) Cv2.Subtract(shifted, alpha, shadow);
        else Cv2.Subtract(alpha, shifted, shadow);
        Cv2.Threshold(shadow, shadow, 0, 0, ThresholdTypes.Tozero);
        Cv2.GaussianBlur(shadow, shadow, new Size(0, 0), Math.Max(1, offset / 2));
        Cv2.Multiply(shadow, Scalar.All(rng.Uniform(0.4, 0.6)), shadow);
        using var dark = new Mat(roi.Size, MatType.CV_8UC3, Scalar.All(10));
        Pixels.Blend(image, roi, dark, shadow);
    }

    /// <summary>A blob filled in by OpenCV inpainting (Telea or Navier-Stokes), as an eraser tool would.</summary>
    public static void Inpaint(Mat image, Random rng, double area)
    {
        var radius = rng.Uniform(3, 7);
        var (polygon, roi, _) = Place(image, rng, area, radius * 4, ragged: 0.1, bright: 0.2, texture: 3);
        using var hole = new Mat(roi.Size, MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillPoly(hole, [Shift(polygon, roi)], Scalar.All(255));
        using var view = new Mat(image, roi);
        using var filled = new Mat();
        Cv2.Inpaint(view, hole, filled, radius, rng.Chance(0.5) ? InpaintTypes.Telea : InpaintTypes.NS);
        filled.CopyTo(view, hole);
    }

    /// <summary>A patch copied from elsewhere in the same image onto the target blob with a feathered edge.</summary>
    public static void Clone(Mat image, Random rng, double area)
    {
        var feather = rng.Uniform(1.5, 4);
        var (polygon, roi, _) = Place(image, rng, area, feather * 3, ragged: 0.1, bright: 0.2, texture: 3);
        var size = image.Size();
        // Source: a same-sized window nearby, as a clone stamp is used, displaced by 0.7-2 patch sizes
        // and clamped inside the image.
        var source = roi;
        for (var tries = 0; tries < 20; tries++)
        {
            var angle = rng.Uniform(0, 2 * Math.PI);
            var distance = rng.Uniform(0.7, 2.0);
            var x = Math.Clamp(roi.X + (int)(Math.Cos(angle) * distance * roi.Width), 0, Math.Max(0, size.Width - roi.Width));
            var y = Math.Clamp(roi.Y + (int)(Math.Sin(angle) * distance * roi.Height), 0, Math.Max(0, size.Height - roi.Height));
            source = new Rect(x, y, roi.Width, roi.Height);
            if (Math.Abs(x - roi.X) > roi.Width / 2 || Math.Abs(y - roi.Y) > roi.Height / 2) break;
        }
        if (source.Right > size.Width || source.Bottom > size.Height) return;
        using var alpha = Shapes.FeatheredAlpha(polygon, roi, feather);
        using var sourceView = new Mat(image, source);
        using var patch = sourceView.Clone();
        Pixels.Blend(image, roi, patch, alpha);
    }

    /// <summary>A strong Gaussian or median blur inside the blob, as when a blemish is smudged away.</summary>
    public static void Blur(Mat image, Random rng, double area)
    {
        var (polygon, roi, feather) = Place(image, rng, area, rng.Uniform(2, 5), ragged: 0.1, bright: 0.2, texture: 3);
        var pad = 40;
        var outer = Shapes.Clip(new Rect(roi.X - pad, roi.Y - pad, roi.Width + (2 * pad), roi.Height + (2 * pad)), image.Size());
        using var blurredOuter = new Mat();
        using var outerView = new Mat(image, outer);
        if (rng.Chance(0.6))
        {
            Cv2.GaussianBlur(outerView, blurredOuter, new Size(0, 0), rng.Uniform(4, 12));
        }
        else
        {
            var k = (rng.Next(4, 11) * 2) + 1;
            Cv2.MedianBlur(outerView, blurredOuter, k);
        }
        using var blurred = new Mat(blurredOuter, new Rect(roi.X - outer.X, roi.Y - outer.Y, roi.Width, roi.Height));
        using var alpha = Shapes.FeatheredAlpha(polygon, roi, feather);
        Pixels.Blend(image, roi, blurred, alpha);
    }

    /// <summary>Hue, saturation and brightness moved inside the blob (a discoloured or bleached patch).</summary>
    public static void ColorShift(Mat image, Random rng, double area)
    {
        var (polygon, roi, feather) = Place(image, rng, area, rng.Uniform(2, 6), ragged: 0.15);
        using var hsv = new Mat();
        using (var view = new Mat(image, roi)) Cv2.CvtColor(view, hsv, ColorConversionCodes.BGR2HSV);
        using var hsvF = new Mat();
        hsv.ConvertTo(hsvF, MatType.CV_32FC3);
        var hueShift = rng.Uniform(10, 40) * (rng.Chance(0.5) ? 1 : -1);
        var channels = Cv2.Split(hsvF);
        try
        {
            channels[0].ConvertTo(channels[0], -1, 1, hueShift + 180);
            // Hue lives in 0..180 for 8-bit HSV; wrap it.
            using var wrap = new Mat();
            Cv2.Threshold(channels[0], wrap, 179.5, 180, ThresholdTypes.Binary);
            Cv2.Subtract(channels[0], wrap, channels[0]);
            Cv2.Threshold(channels[0], wrap, 179.5, 180, ThresholdTypes.Binary);
            Cv2.Subtract(channels[0], wrap, channels[0]);
            Cv2.Multiply(channels[1], Scalar.All(rng.Uniform(0.6, 1.6)), channels[1]);
            channels[1].ConvertTo(channels[1], -1, 1, rng.Uniform(10, 40));
            Cv2.Multiply(channels[2], Scalar.All(rng.Chance(0.5) ? rng.Uniform(0.6, 0.85) : rng.Uniform(1.15, 1.4)), channels[2]);
            Cv2.Merge(channels, hsvF);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
        hsvF.ConvertTo(hsv, MatType.CV_8UC3);
        using var shifted = new Mat();
        Cv2.CvtColor(hsv, shifted, ColorConversionCodes.HSV2BGR);
        using var alpha = Shapes.FeatheredAlpha(polygon, roi, feather);
        Pixels.Blend(image, roi, shifted, alpha);
    }

    /// <summary>An irregular outline of the given area placed in the image, its ROI padded for a feather.</summary>
    private static (Point[] Polygon, Rect Roi, double Feather) Place(Mat image, Random rng, double area, double feather, double ragged, double bright = 1, double texture = 1)
    {
        var size = image.Size();
        area = Math.Min(area, size.Width * (double)size.Height * 0.6);
        var radius = Math.Sqrt(area / Math.PI);
        var center = Shapes.Center(image, rng, radius, bright, texture);
        var polygon = Shapes.Blob(rng, center, area, ragged);
        var roi = Shapes.Bounds(polygon, (int)Math.Ceiling(feather * 3) + 2, size);
        return (polygon, roi, feather);
    }

    private static Point[] Shift(Point[] polygon, Rect roi) => polygon.Select(p => new Point(p.X - roi.X, p.Y - roi.Y)).ToArray();
}
