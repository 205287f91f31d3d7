using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using ClaimLens.Forensics.Reuse;
using OpenCvSharp;

namespace ClaimLens.Forensics;

/// <summary>A report plus the pictures behind it (the change mask and the suspicion map), which
/// callers render for reviewers. Dispose it to free the native buffers.</summary>
public sealed class AnalysisResult : IDisposable
{
    private readonly DecodedImage _image;
    private readonly Mat? _changeMask;
    private readonly Mat? _suspicionMap;

    internal AnalysisResult(EvidenceReport report, DecodedImage image, PerceptualHash fingerprint, Mat? changeMask, Mat? suspicionMap,
        DerivationMatch? derivation = null)
    {
        Report = report;
        Derivation = derivation;
        Fingerprint = fingerprint;
        _image = image;
        _changeMask = changeMask;
        _suspicionMap = suspicionMap;
    }

    /// <summary>The <c>claimlens.report/1</c> report.</summary>
    public EvidenceReport Report { get; }

    /// <summary>The reference that matched the photo geometrically and what the pixel comparison found
    /// (<see cref="DerivationMatch.Derived"/>), with the alignment (<see cref="DerivationMatch.Homography"/>); null
    /// when no reference was given or none matched.</summary>
    public DerivationMatch? Derivation { get; }

    /// <summary>The photo's perceptual fingerprint, to add to a reuse index once the evidence is accepted.</summary>
    public PerceptualHash Fingerprint { get; }

    /// <summary>The change mask the size of the image (as displayed), 8-bit: 255 where it differs from the
    /// reference it was derived from, 0 elsewhere; all 0 when nothing was derived. The caller disposes it.</summary>
    public Mat RenderMask()
    {
        var full = new Mat(_image.Height, _image.Width, MatType.CV_8UC1, Scalar.Black);
        if (_changeMask is not null)
        {
            Cv2.Resize(_changeMask, full, full.Size(), 0, 0, InterpolationFlags.Linear);
            Cv2.Threshold(full, full, 127, 255, ThresholdTypes.Binary);
        }
        return full;
    }

    /// <summary><see cref="RenderMask"/> encoded as PNG.</summary>
    public byte[] RenderMaskPng()
    {
        using var mask = RenderMask();
        return mask.ImEncode(".png");
    }

    /// <summary>The change mask at working resolution (the heat map's size) as PNG, 255 = changed: what a page
    /// overlays on the photo, without encoding a full-size mask (a 12 MP PNG costs tens of milliseconds).</summary>
    public byte[] RenderWorkingMaskPng()
    {
        using var mask = new Mat(_image.Bgr.Rows, _image.Bgr.Cols, MatType.CV_8UC1, Scalar.Black);
        if (_changeMask is not null)
        {
            Cv2.Resize(_changeMask, mask, mask.Size(), 0, 0, InterpolationFlags.Linear);
            Cv2.Threshold(mask, mask, 127, 255, ThresholdTypes.Binary);
        }
        return mask.ImEncode(".png");
    }

    /// <summary>A PNG of the image at working resolution with changed regions tinted red and weaker
    /// suspicion (noise, copy-move) tinted amber, for a reviewer.</summary>
    public byte[] RenderHeatmapPng()
    {
        using var canvas = RenderHeatmap();
        return canvas.ImEncode(".png");
    }

    /// <summary><see cref="RenderHeatmapPng"/> as a JPEG: a fraction of the encoding time and size, for a desk that
    /// renders one per claim photo.</summary>
    public byte[] RenderHeatmapJpeg(int quality = 88)
    {
        using var canvas = RenderHeatmap();
        return canvas.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }

    private Mat RenderHeatmap()
    {
        var canvas = _image.Bgr.Clone();
        if (_suspicionMap is not null)
            Tint(canvas, _suspicionMap, new Scalar(0, 170, 255), 0.45);
        if (_changeMask is not null)
            Tint(canvas, _changeMask, new Scalar(0, 0, 255), 0.55);
        return canvas;
    }

    private static void Tint(Mat canvas, Mat weights, Scalar colour, double strength)
    {
        using var w = new Mat();
        Cv2.Resize(weights, w, canvas.Size(), 0, 0, InterpolationFlags.Linear);
        using var alpha = new Mat();
        w.ConvertTo(alpha, MatType.CV_32F, strength / 255.0);
        using var alpha3 = new Mat();
        Cv2.Merge([alpha, alpha, alpha], alpha3);
        using var src = new Mat();
        canvas.ConvertTo(src, MatType.CV_32FC3);
        using var tint = new Mat(canvas.Size(), MatType.CV_32FC3, colour);
        // canvas = src * (1 - alpha) + tint * alpha
        using var blended = new Mat();
        Cv2.Subtract(tint, src, blended);
        Cv2.Multiply(blended, alpha3, blended);
        Cv2.Add(src, blended, blended);
        blended.ConvertTo(canvas, MatType.CV_8UC3);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _image.Dispose();
        _changeMask?.Dispose();
        _suspicionMap?.Dispose();
    }
}
