using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Pixels;
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

    // canvas = canvas + (colour - canvas) x weight x strength / 255, in one pass over the pixels that have a weight:
    // the float planes this was first written with (convert, merge, subtract, multiply, add, convert back) cost the
    // desk 10-17 ms per derived photo (bench analysis-extras), for masks that are mostly zero.
    private static unsafe void Tint(Mat canvas, Mat weights, Scalar colour, double strength)
    {
        using var w = new Mat();
        Cv2.Resize(weights, w, canvas.Size(), 0, 0, InterpolationFlags.Linear);
        using var w8 = new Mat();
        if (w.Type() != MatType.CV_8UC1)
            w.ConvertTo(w8, MatType.CV_8UC1);
        var weight = new GrayView(w.Type() == MatType.CV_8UC1 ? w : w8);
        var scale = (float)(strength / 255.0);
        ReadOnlySpan<float> tint = [(float)colour.Val0, (float)colour.Val1, (float)colour.Val2];
        var data = (byte*)canvas.Data;
        var step = canvas.Step();
        var (rows, cols) = (canvas.Rows, canvas.Cols);
        for (var y = 0; y < rows; y++)
        {
            var row = data + y * step;
            var weights8 = weight.Row(y);
            for (var x = 0; x < cols; x++)
            {
                if (weights8[x] == 0)
                    continue;
                var alpha = weights8[x] * scale;
                var pixel = row + 3 * x;
                for (var c = 0; c < 3; c++)
                    pixel[c] = (byte)Math.Clamp(MathF.Round(pixel[c] + (tint[c] - pixel[c]) * alpha), 0, 255);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _image.Dispose();
        _changeMask?.Dispose();
        _suspicionMap?.Dispose();
    }
}
