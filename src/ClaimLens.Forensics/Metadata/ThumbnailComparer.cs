using OpenCvSharp;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Compares an EXIF thumbnail with the working image, allowing for black letterbox bars, a centre crop
/// to a different aspect ratio, and a thumbnail stored without the EXIF rotation applied.</summary>
internal static class ThumbnailComparer
{
    private const int Side = 64;
    private const int Grid = 8;
    private const double ClearSimilarity = 0.95;
    private const double ClearCellError = 0.6;

    public static ThumbnailMatch? Compare(Mat thumbnailGray, Mat workingGray, int orientation)
    {
        if (thumbnailGray.Empty() || workingGray.Empty() || thumbnailGray.Width < 16 || thumbnailGray.Height < 16
            || workingGray.Width < 16 || workingGray.Height < 16)
            return null;
        // Shrink the photo once; every candidate alignment is scored at 64 px anyway.
        using var working = Shrink(workingGray, 2 * Side);
        // Both with and without the bars trimmed: a night scene has dark edges that are not letterboxing.
        using var trimmed = TrimBars(thumbnailGray);
        ThumbnailMatch? best = null;
        foreach (var transform in Transforms(orientation))
        {
            foreach (var source in trimmed is null ? [thumbnailGray] : new[] { thumbnailGray, trimmed })
            {
                using var candidate = Apply(source, transform);
                var match = Score(candidate, working);
                if (match is { } m && (best is null || m.Similarity > best.Value.Similarity))
                    best = m;
                // A genuine photo matches clearly at its EXIF orientation: stop there rather than try every alignment.
                if (match is { Similarity: > ClearSimilarity, WorstCellError: < ClearCellError })
                    return match;
            }
        }
        return best;
    }

    // Shrinks by a whole factor, after dropping the few edge pixels that make the size indivisible: OpenCV's area
    // resampling is about 20 times faster at an integer ratio. Also tolerates a caller passing BGR or BGRA.
    private static Mat Shrink(Mat image, int longSide)
    {
        int width = image.Width, height = image.Height;
        // Never shrink the short side below 8 px (a panorama strip).
        var factor = Math.Max(1, Math.Min(Math.Max(width, height) / longSide, Math.Min(width, height) / 8));
        using var cropped = image[new Rect(0, 0, width / factor * factor, height / factor * factor)];
        var small = new Mat();
        Cv2.Resize(cropped, small, new Size(width / factor, height / factor), 0, 0, InterpolationFlags.Area);
        var channels = small.Channels();
        if (channels > 1)
            Cv2.CvtColor(small, small, channels == 4 ? ColorConversionCodes.BGRA2GRAY : ColorConversionCodes.BGR2GRAY);
        return small;
    }

    // The EXIF orientation's transform first, then the four plain rotations.
    private static IEnumerable<int> Transforms(int orientation)
    {
        yield return orientation;
        foreach (var o in new[] { 1, 6, 3, 8 })
        {
            if (o != orientation)
                yield return o;
        }
    }

    // EXIF orientation 1..8 as the operation that displays the stored pixels.
    private static Mat Apply(Mat src, int orientation)
    {
        var dst = new Mat();
        switch (orientation)
        {
            case 2: Cv2.Flip(src, dst, FlipMode.Y); break;
            case 3: Cv2.Rotate(src, dst, RotateFlags.Rotate180); break;
            case 4: Cv2.Flip(src, dst, FlipMode.X); break;
            case 5: Cv2.Transpose(src, dst); break;
            case 6: Cv2.Rotate(src, dst, RotateFlags.Rotate90Clockwise); break;
            case 7: Cv2.Rotate(src, dst, RotateFlags.Rotate90Clockwise); Cv2.Flip(dst, dst, FlipMode.Y); break;
            case 8: Cv2.Rotate(src, dst, RotateFlags.Rotate90Counterclockwise); break;
            default: src.CopyTo(dst); break;
        }
        return dst;
    }

    private static ThumbnailMatch? Score(Mat thumb, Mat working)
    {
        var (a, b) = (CropToAspect(thumb, working), CropToAspect(working, thumb));
        if (a.Width < 8 || a.Height < 8 || b.Width < 8 || b.Height < 8)
            return null;
        var scale = (double)Side / Math.Max(b.Width, b.Height);
        var size = new Size(Math.Max(Grid, (int)Math.Round(b.Width * scale)), Math.Max(Grid, (int)Math.Round(b.Height * scale)));
        using var ta = thumb[a];
        using var tb = working[b];
        using var sa = Small(ta, size);
        using var sb = Small(tb, size);
        return Measure(sa, sb);
    }

    // A centred rectangle of src with the aspect ratio of other; the thumbnail may be cropped from a wider frame.
    // Aspect differences beyond ~40% are not a crop but a wrong rotation: keep the full frame so the score is poor.
    private static Rect CropToAspect(Mat src, Mat other)
    {
        var target = (double)other.Width / other.Height;
        var aspect = (double)src.Width / src.Height;
        if (Math.Abs(Math.Log(aspect / target)) > 0.35)
            return new Rect(0, 0, src.Width, src.Height);
        if (aspect > target)
        {
            var w = (int)Math.Round(src.Height * target);
            return new Rect((src.Width - w) / 2, 0, w, src.Height);
        }
        var h = (int)Math.Round(src.Width / target);
        return new Rect(0, (src.Height - h) / 2, src.Width, h);
    }

    private static Mat Small(Mat src, Size size)
    {
        var dst = new Mat();
        Cv2.Resize(src, dst, size, 0, 0, InterpolationFlags.Area);
        dst.ConvertTo(dst, MatType.CV_32F);
        Cv2.GaussianBlur(dst, dst, new Size(3, 3), 0.8);
        return dst;
    }

    // Below this spread (grey levels at 64 px) a picture is flat (a white wall, a dark night): normalising it would
    // amplify JPEG noise into a false mismatch, so flat pictures are not compared at all.
    private const double MinContrast = 4;

    private static ThumbnailMatch? Measure(Mat a, Mat b)
    {
        Cv2.MeanStdDev(a, out var meanA, out var stdA);
        Cv2.MeanStdDev(b, out var meanB, out var stdB);
        if (stdA.Val0 < MinContrast || stdB.Val0 < MinContrast)
            return null;
        using var za = new Mat();
        using var zb = new Mat();
        a.ConvertTo(za, MatType.CV_32F, 1 / stdA.Val0, -meanA.Val0 / stdA.Val0);
        b.ConvertTo(zb, MatType.CV_32F, 1 / stdB.Val0, -meanB.Val0 / stdB.Val0);
        var ncc = za.Dot(zb) / za.Total();

        // Residual of the best linear tone fit (zb ≈ ncc·za), averaged per grid cell.
        using var residual = new Mat();
        Cv2.AddWeighted(zb, 1, za, -ncc, 0, residual);
        Cv2.Absdiff(residual, Scalar.All(0), residual);
        // Area resampling to the grid averages each cell.
        using var cells = new Mat();
        Cv2.Resize(residual, cells, new Size(Grid, Grid), 0, 0, InterpolationFlags.Area);
        Cv2.MinMaxLoc(cells, out _, out double worst);
        return new ThumbnailMatch(ncc, worst);
    }

    // Canon and Nikon pad 3:2 frames into 160×120 thumbnails with black bars: drop uniform dark edge rows and columns.
    private static Mat? TrimBars(Mat gray)
    {
        int height = gray.Height, width = gray.Width;
        int top = 0, bottom = height, left = 0, right = width;
        var maxRows = height / 4;
        var maxCols = width / 4;
        while (top < maxRows && IsBar(gray.Row(top))) top++;
        while (height - bottom < maxRows && IsBar(gray.Row(bottom - 1))) bottom--;
        while (left < maxCols && IsBar(gray.Col(left))) left++;
        while (width - right < maxCols && IsBar(gray.Col(right - 1))) right--;
        if (top == 0 && left == 0 && bottom == height && right == width)
            return null;
        using var inner = gray[new Rect(left, top, right - left, bottom - top)];
        return inner.Clone();
    }

    private static bool IsBar(Mat line)
    {
        using (line)
        {
            Cv2.MeanStdDev(line, out var mean, out var std);
            return mean.Val0 < 24 && std.Val0 < 6;
        }
    }
}
