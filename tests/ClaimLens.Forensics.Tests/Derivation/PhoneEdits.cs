using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>What a buyer's phone does to a picture, applied to the picture and its change mask alike.</summary>
internal static class PhoneEdits
{
    public static readonly string[] Kinds = ["none", "resize25", "crop-half", "rotate90", "rotate180", "rotate270", "rotate+12", "rotate-15", "mirror", "screenshot", "jpeg40", "resave"];

    public static (Mat Image, Mat Mask, byte[] Bytes) Apply(Mat img, Mat mask, string kind)
    {
        var (i, m) = Geometry(img, mask, kind);
        byte[] bytes;
        if (kind == "jpeg40")
            bytes = Scenes.Jpeg(i, 40);
        else if (kind == "resave")
        {
            using var first = Cv2.ImDecode(Scenes.Jpeg(i, 55), ImreadModes.Color);
            bytes = Scenes.Jpeg(first, 85);
        }
        else
            bytes = Scenes.Jpeg(i, 88);
        return (i, m, bytes);
    }

    private static (Mat, Mat) Geometry(Mat img, Mat mask, string kind)
    {
        switch (kind)
        {
            case "resize25": return (Resize(img, 0.25, InterpolationFlags.Area), Resize(mask, 0.25, InterpolationFlags.Linear));
            case "crop-half":
            {
                var r = new Rect(img.Width / 8, img.Height / 10, (int)(img.Width * 0.72), (int)(img.Height * 0.7));
                return (new Mat(img, r).Clone(), new Mat(mask, r).Clone());
            }
            case "rotate90": return (Rotate(img, RotateFlags.Rotate90Clockwise), Rotate(mask, RotateFlags.Rotate90Clockwise));
            case "rotate180": return (Rotate(img, RotateFlags.Rotate180), Rotate(mask, RotateFlags.Rotate180));
            case "rotate270": return (Rotate(img, RotateFlags.Rotate90Counterclockwise), Rotate(mask, RotateFlags.Rotate90Counterclockwise));
            case "rotate+12": return (Angle(img, 12), Angle(mask, 12));
            case "rotate-15": return (Angle(img, -15), Angle(mask, -15));
            case "mirror":
            {
                var a = new Mat();
                Cv2.Flip(img, a, FlipMode.Y);
                var b = new Mat();
                Cv2.Flip(mask, b, FlipMode.Y);
                return (a, b);
            }
            case "screenshot":
            {
                using var small = Resize(img, 0.7, InterpolationFlags.Area);
                using var smallMask = Resize(mask, 0.7, InterpolationFlags.Linear);
                var canvas = new Mat(small.Height + 260, small.Width + 40, MatType.CV_8UC3, new Scalar(245, 245, 245));
                var canvasMask = new Mat(canvas.Size(), MatType.CV_8UC1, Scalar.All(0));
                Cv2.Rectangle(canvas, new Rect(0, 0, canvas.Width, 90), new Scalar(50, 50, 50), -1);
                Cv2.PutText(canvas, "12:41  Photos", new Point(20, 60), HersheyFonts.HersheySimplex, 1.2, Scalar.All(255), 2);
                var r = new Rect(20, 120, small.Width, small.Height);
                using (var target = new Mat(canvas, r)) small.CopyTo(target);
                using (var target = new Mat(canvasMask, r)) smallMask.CopyTo(target);
                return (canvas, canvasMask);
            }
            default: return (img.Clone(), mask.Clone());
        }
    }

    private static Mat Resize(Mat m, double f, InterpolationFlags flags)
    {
        var r = new Mat();
        Cv2.Resize(m, r, new Size(), f, f, flags);
        return r;
    }

    private static Mat Rotate(Mat m, RotateFlags flags)
    {
        var r = new Mat();
        Cv2.Rotate(m, r, flags);
        return r;
    }

    // Straighten-and-crop, as a phone's edit tool does.
    private static Mat Angle(Mat m, double degrees)
    {
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(m.Width / 2f, m.Height / 2f), degrees, 1.0);
        using var rotated = new Mat();
        Cv2.WarpAffine(m, rotated, rotation, m.Size(), InterpolationFlags.Linear, BorderTypes.Reflect101);
        var w = (int)(m.Width * 0.65);
        var h = (int)(m.Height * 0.65);
        return new Mat(rotated, new Rect((m.Width - w) / 2, (m.Height - h) / 2, w, h)).Clone();
    }
}
