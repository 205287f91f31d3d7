using OpenCvSharp;

namespace ClaimLens.Forensics.Reuse;

/// <summary>Finds the picture inside a uniform frame: a screenshot's bars, a letterbox, a pasted-on margin.
/// A row or column belongs to the frame while it is nearly flat.</summary>
internal static class BorderTrimmer
{
    // A flat border line has almost no spread; photographed sky or a wall still has some noise and texture,
    // so this stays small. Bands of different tone (status bar, then margin) are all frame. A flat line in the
    // photo itself (blown-out sky) is trimmed the same way in the original and in its copies.
    private const double FlatStdDev = 4.0;
    /// <summary>Pictures are scanned at most this long; one line of error is then under half a percent of crop.</summary>
    public const int ScanSide = 256;
    // What is left must still be a picture; otherwise the whole picture is used. There is deliberately no cap
    // per side: a cap would stop at a different place in a copy with an added frame than in the original.
    private const double MinContentFraction = 0.1;

    /// <summary>The content rectangle of an 8-bit grey picture (the whole picture when there is no frame).</summary>
    public static Rect ContentRect(Mat gray)
    {
        using var small = Shrink(gray, out var scaleX, out var scaleY);
        var w = small.Width;
        var h = small.Height;
        var pixels = new byte[w * h];
        // Shrink always returns a new, continuous Mat.
        System.Runtime.InteropServices.Marshal.Copy(small.Data, pixels, 0, pixels.Length);
        // A screenshot frame mixes bands (a dark status bar above white margins), so a side column only
        // looks flat once the top and bottom bands are gone: trim in rounds until nothing changes.
        int top = 0, bottom = 0, left = 0, right = 0;
        for (var round = 0; round < 8; round++)
        {
            var area = new Rect(left, top, w - left - right, h - top - bottom);
            if (area.Width < 2 || area.Height < 2) break;
            var newTop = top + Scan(pixels, w, area, Side.Top);
            var newBottom = bottom + Scan(pixels, w, area, Side.Bottom);
            area = new Rect(left, newTop, w - left - right, h - newTop - newBottom);
            if (area.Height < 2) break;
            var newLeft = left + Scan(pixels, w, area, Side.Left);
            var newRight = right + Scan(pixels, w, area, Side.Right);
            var changed = (newTop, newBottom, newLeft, newRight) != (top, bottom, left, right);
            (top, bottom, left, right) = (newTop, newBottom, newLeft, newRight);
            if (!changed) break;
        }

        var x0 = (int)Math.Ceiling(left * scaleX);
        var y0 = (int)Math.Ceiling(top * scaleY);
        var x1 = (int)Math.Floor((w - right) * scaleX);
        var y1 = (int)Math.Floor((h - bottom) * scaleY);
        if (x1 - x0 < Math.Max(8, gray.Width * MinContentFraction) || y1 - y0 < Math.Max(8, gray.Height * MinContentFraction))
            return new Rect(0, 0, gray.Width, gray.Height);
        return new Rect(x0, y0, Math.Min(x1, gray.Width) - x0, Math.Min(y1, gray.Height) - y0);
    }

    // Scanning a 256-px copy keeps trimming cheap on large pictures; one line of error is one pixel of crop.
    private static Mat Shrink(Mat gray, out double scaleX, out double scaleY)
    {
        var longSide = Math.Max(gray.Width, gray.Height);
        var small = new Mat();
        if (longSide <= ScanSide)
            gray.CopyTo(small);
        else
            Cv2.Resize(gray, small, new Size(Math.Max(1, gray.Width * ScanSide / longSide), Math.Max(1, gray.Height * ScanSide / longSide)), 0, 0, InterpolationFlags.Area);
        scaleX = (double)gray.Width / small.Width;
        scaleY = (double)gray.Height / small.Height;
        return small;
    }

    private enum Side { Top, Bottom, Left, Right }

    /// <summary>How many lines from one side of <paramref name="area"/> form a flat frame.</summary>
    private static int Scan(byte[] pixels, int stride, Rect area, Side side)
    {
        var horizontal = side is Side.Top or Side.Bottom;
        var lines = horizontal ? area.Height : area.Width;
        var length = horizontal ? area.Width : area.Height;
        var limit = lines - 1;
        if (length < 2) return 0;
        var count = 0;
        for (; count < limit; count++)
        {
            var index = side switch
            {
                Side.Top => area.Y + count,
                Side.Bottom => area.Bottom - 1 - count,
                Side.Left => area.X + count,
                _ => area.Right - 1 - count,
            };
            double sum = 0, sumSquares = 0;
            for (var k = 0; k < length; k++)
            {
                double p = horizontal ? pixels[index * stride + area.X + k] : pixels[(area.Y + k) * stride + index];
                sum += p;
                sumSquares += p * p;
            }
            var mean = sum / length;
            var variance = Math.Max(0, sumSquares / length - mean * mean);
            if (Math.Sqrt(variance) > FlatStdDev) break;
        }
        return count;
    }
}
