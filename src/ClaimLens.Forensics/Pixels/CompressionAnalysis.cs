using System.Text.Json.Nodes;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Pixels;

/// <summary>JPEG compression history: was the file saved more than once, or by software rather than a camera?</summary>
public static class CompressionAnalysis
{
    // Below this IJG quality a standard table is unusual for camera firmware (cameras save at 90-98 with
    // their own tables); above it a standard table says nothing.
    private const int SoftwareQualityBelow = 90;

    /// <summary>Reads the file's quantisation tables and, when the image was decoded at full size, looks
    /// for double-quantisation traces. Never throws for odd input; <paramref name="file"/> may be empty.</summary>
    public static CompressionReport Inspect(DecodedImage image, ReadOnlySpan<byte> file)
    {
        ArgumentNullException.ThrowIfNull(image);
        var jpeg = file.IsEmpty ? null : JpegInfo.Read(file);
        if (jpeg is null)
            return CompressionReport.None;
        var kind = jpeg.IsStandardTable ? JpegTableKind.StandardIjg : JpegTableKind.Custom;

        // At reduced DCT scale the 8x8 grid is gone from the pixels; only the table can speak.
        var fullScale = image.Bgr.Width == image.Width && image.Bgr.Height == image.Height;
        DoubleQuantisation.Result? dq = null;
        if (fullScale && !image.Bgr.Empty())
        {
            try
            {
                dq = DoubleQuantisation.Analyze(image.Bgr, jpeg.LumaTable);
            }
            catch (OpenCvSharp.OpenCVException)
            {
                dq = null;
            }
        }

        if (dq is { Detected: true })
            return new CompressionReport(jpeg, kind, dq.PrimaryQuality, DoubleCompressed(jpeg, kind, dq));
        if (kind == JpegTableKind.StandardIjg && jpeg.Quality < SoftwareQualityBelow)
            return new CompressionReport(jpeg, kind, null, SoftwareTable(jpeg, kind, fullScale));
        return new CompressionReport(jpeg, kind, null, null);
    }

    private static Finding DoubleCompressed(JpegInfo jpeg, JpegTableKind kind, DoubleQuantisation.Result dq)
    {
        var confidence = Math.Round(Math.Clamp(0.4 + 0.5 * dq.Score, 0, 0.9), 2);
        var earlier = dq.PrimaryQuality is { } q ? $" at about quality {q}" : "";
        var earlierZh = dq.PrimaryQuality is { } qz ? $"（约质量 {qz}）" : "";
        var summary = new LocalizedText(
            $"The JPEG was saved at least twice: the pattern of its pixel values shows an earlier, stronger compression{earlier} under the current quality {jpeg.Quality}. Photos straight from a camera are saved once; editing and re-saving leaves this trace.",
            $"该 JPEG 至少被保存过两次：像素数值的分布显示，在当前质量 {jpeg.Quality} 之前还有一次更强的压缩{earlierZh}。相机直出的照片只保存一次，编辑后再保存才会留下这种痕迹。");
        var details = new JsonObject
        {
            ["quality"] = jpeg.Quality,
            ["primaryQualityEstimate"] = dq.PrimaryQuality,
            ["method"] = "dct_histogram",
            ["tableKind"] = TableKindName(kind),
            ["gapScore"] = Math.Round(dq.Score, 3),
            ["coefficients"] = dq.FlaggedCoefficients,
        };
        return new Finding(FindingCodes.Recompressed, Severity.Warning, confidence, summary, details);
    }

    // Only a hint: phones and some cameras also use the IJG tables, so this stays Info and the caller may
    // raise it when the metadata claims the file came straight from a camera.
    private static Finding SoftwareTable(JpegInfo jpeg, JpegTableKind kind, bool fullScale)
    {
        var summary = new LocalizedText(
            $"The JPEG uses the standard libjpeg table at quality {jpeg.Quality}, which is typical of software re-saving rather than of a camera. This alone proves nothing: some phones use the same table.",
            $"该 JPEG 使用质量为 {jpeg.Quality} 的标准 libjpeg 量化表，这通常出自软件再次保存，而非相机直出。仅凭这一点不能证明什么：有些手机也使用同样的量化表。");
        var details = new JsonObject
        {
            ["quality"] = jpeg.Quality,
            ["primaryQualityEstimate"] = null,
            ["method"] = "quant_table",
            ["tableKind"] = TableKindName(kind),
            ["pixelGridChecked"] = fullScale,
        };
        return new Finding(FindingCodes.Recompressed, Severity.Info, 0.2, summary, details);
    }

    private static string TableKindName(JpegTableKind kind) => kind switch
    {
        JpegTableKind.StandardIjg => "standard_ijg",
        JpegTableKind.Custom => "custom",
        _ => "none",
    };
}
