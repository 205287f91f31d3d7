using OpenCvSharp;

namespace ClaimLens.Forensics.Reuse;

/// <summary>Computes <see cref="PerceptualHash"/>es of a picture. Uniform borders (screenshot frames, letterboxing)
/// are trimmed; the fingerprint is taken of the central 80 % x 80 % window: a pHash (the window shrunk to 32x32
/// grey, a 2-D DCT, the 64 lowest frequencies without DC thresholded at their median) plus a dHash (signs of
/// horizontal gradients on a 9x8 grid) that confirms pHash candidates. It survives resizing,
/// JPEG recompression, brightness and contrast changes and borders. Crops move the window: the query side
/// (<see cref="ComputeProbes"/>) therefore also hashes the windows where the original's centre would lie if up
/// to 10 % had been cut off the edges. A mirrored copy is treated as a different picture.</summary>
public static class Fingerprinter
{
    // Hashing windows of one 128x128 copy keeps 100 probes cheap; 128 px is 4x the hash grid, enough for Area resampling.
    private const int Working = 128;
    private const double Margin = 0.1;

    // Crop guesses per axis as (cut before, cut after) fractions of the original, in steps of 1/30 up to 10 % in
    // all: 10 x 10 = 100 windows; the first is the stored fingerprint itself. Steps of 1/20 (36 windows) missed
    // off-grid crops such as 4 % + 2 %; the finer grid did not bring different photos closer (measured).
    private static readonly (double Before, double After)[] CropGuesses =
        [(0, 0), (1 / 30.0, 0), (0, 1 / 30.0), (2 / 30.0, 0), (0, 2 / 30.0), (0.1, 0), (0, 0.1), (1 / 30.0, 1 / 30.0), (1 / 30.0, 2 / 30.0), (2 / 30.0, 1 / 30.0)];

    /// <summary>Number of hashes <see cref="ComputeProbes"/> returns.</summary>
    public static int ProbeCount => CropGuesses.Length * CropGuesses.Length;

    /// <summary>The fingerprint to store for a picture.</summary>
    /// <param name="bgr">An 8-bit BGR, BGRA or grey picture.</param>
    /// <exception cref="ArgumentException">The picture is empty or not 8-bit.</exception>
    public static PerceptualHash Compute(Mat bgr)
    {
        using var working = Prepare(bgr);
        return HashWindow(new WindowHasher(working), Margin, Margin, 1 - Margin, 1 - Margin);
    }

    /// <summary>The hashes to look a picture up with: <see cref="Compute"/>'s fingerprint first, then the windows
    /// that line up with an original's fingerprint when this picture is a crop of it. Pass them all to
    /// <see cref="ReuseIndex.FindAny"/>.</summary>
    /// <exception cref="ArgumentException">The picture is empty or not 8-bit.</exception>
    public static IReadOnlyList<PerceptualHash> ComputeProbes(Mat bgr)
    {
        using var working = Prepare(bgr);
        var hasher = new WindowHasher(working);
        var probes = new PerceptualHash[ProbeCount];
        var n = 0;
        foreach (var (left, right) in CropGuesses)
        {
            foreach (var (top, bottom) in CropGuesses)
            {
                // Original coordinate x lies at (x - before) / (1 - before - after) in the cropped copy.
                probes[n++] = HashWindow(hasher,
                    (Margin - left) / (1 - left - right), (Margin - top) / (1 - top - bottom),
                    (1 - Margin - left) / (1 - left - right), (1 - Margin - top) / (1 - top - bottom));
            }
        }
        return probes;
    }

    /// <summary>Grey, frame trimmed, shrunk to the working square. Everything works from one grey copy of under
    /// 512 px: the hash grid is 32 px, so more resolution only costs time.</summary>
    private static Mat Prepare(Mat image)
    {
        using var gray = ShrunkGray(image);
        var content = BorderTrimmer.ContentRect(gray);
        using var region = new Mat(gray, content);
        var working = new Mat();
        Cv2.Resize(region, working, new Size(Working, Working), 0, 0, InterpolationFlags.Area);
        return working;
    }

    private static Mat ShrunkGray(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Depth() != MatType.CV_8U || image.Channels() is not (1 or 3 or 4))
            throw new ArgumentException("the picture must be a non-empty 8-bit grey, BGR or BGRA image", nameof(image));
        var gray = ToGray(image);
        var longSide = Math.Max(image.Width, image.Height);
        if (longSide <= BorderTrimmer.ScanSide)
            return gray;

        // Area resampling by a whole factor takes OpenCV's fast path (measured: 0.7 ms instead of 3-4 ms for a
        // 1000 x 750 BGR picture) and leaves 256..511 px, which the trimmer scans at 256 px and the hash windows
        // shrink further. The few columns and rows cut to make the size divisible do not move the hash.
        var factor = longSide / BorderTrimmer.ScanSide;
        if (factor < 2)
            return gray;
        using (gray)
        {
            using var divisible = new Mat(gray, new Rect(0, 0, gray.Width / factor * factor, gray.Height / factor * factor));
            var reduced = new Mat();
            Cv2.Resize(divisible, reduced, new Size(gray.Width / factor, gray.Height / factor), 0, 0, InterpolationFlags.Area);
            return reduced;
        }
    }

    /// <summary>Hashes of the window [x0,x1)x[y0,y1) given as fractions of the working picture's size.</summary>
    private static PerceptualHash HashWindow(WindowHasher hasher, double x0, double y0, double x1, double y1)
    {
        var rect = new Rect((int)Math.Round(x0 * Working), (int)Math.Round(y0 * Working), 0, 0);
        rect.Width = Math.Max(1, (int)Math.Round(x1 * Working) - rect.X);
        rect.Height = Math.Max(1, (int)Math.Round(y1 * Working) - rect.Y);
        return hasher.Hash(rect);
    }

    private static Mat ToGray(Mat image)
    {
        var gray = new Mat();
        switch (image.Channels())
        {
            case 1: image.CopyTo(gray); break;
            case 3: Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY); break;
            default: Cv2.CvtColor(image, gray, ColorConversionCodes.BGRA2GRAY); break;
        }
        return gray;
    }
}
