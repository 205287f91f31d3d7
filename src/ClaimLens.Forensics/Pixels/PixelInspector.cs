using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>Pixel forensics without a reference: recompression, local noise inconsistency and copy-move.
/// All findings are weak (warning at most).</summary>
public static class PixelInspector
{
    /// <summary>Runs every pixel analysis on <paramref name="image"/>. Never throws for odd pixels;
    /// <paramref name="file"/> may be empty when there are no bytes, and then compression checks are skipped.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static PixelReport Inspect(DecodedImage image, ReadOnlySpan<byte> file)
    {
        ArgumentNullException.ThrowIfNull(image);
        var findings = new List<Finding>();
        var compression = CompressionAnalysis.Inspect(image, file);
        if (compression.Finding is not null)
            findings.Add(compression.Finding);

        var bgr = image.Bgr;
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3)
            return new PixelReport(findings, null, compression);

        Mat? map = null;
        try
        {
            var noise = NoiseAnalysis.Analyze(bgr, image.Scale);
            if (noise.Finding is not null)
                findings.Add(noise.Finding);
            map = noise.Heat;

            var copyMove = CopyMoveAnalysis.Analyze(bgr, image.Scale);
            if (copyMove.Finding is not null)
            {
                findings.Add(copyMove.Finding);
                map ??= new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.Black);
                foreach (var box in copyMove.Boxes)
                    Cv2.Rectangle(map, box, Scalar.All(255), -1);
            }
        }
        catch (OpenCVException)
        {
            // Pixel signals are optional extras: an OpenCV failure on a pathological image means
            // "nothing found" here, never a failed analysis.
            map?.Dispose();
            map = null;
            findings.RemoveAll(f => f.Code != FindingCodes.Recompressed);
        }
        return new PixelReport(findings, map, compression);
    }
}
