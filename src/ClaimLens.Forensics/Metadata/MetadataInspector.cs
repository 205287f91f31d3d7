using System.Text.Json.Nodes;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using MetadataExtractor;
using OpenCvSharp;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Reads a photo's EXIF, XMP and PNG text once and turns them into capture facts and findings:
/// AI-content labels (GB 45438-2025 / TC260, IPTC digital source type), generator parameters, editing software,
/// a capture time before delivery, an EXIF thumbnail that does not show the photo, and missing camera metadata.
/// C2PA manifests are read elsewhere.</summary>
public static class MetadataInspector
{
    private const int MaxThumbnailSide = 1024;
    private const string XmpBasicNamespace = "http://ns.adobe.com/xap/1.0/";

    /// <summary>Inspects the metadata of one file. Never throws for malformed metadata: problems become details
    /// or are ignored.</summary>
    /// <param name="file">The whole file.</param>
    /// <param name="format">The sniffed container format.</param>
    /// <param name="context">Delivery time and the decoded working image, each optional.</param>
    /// <remarks>
    /// <para><see cref="CaptureInfo.Model"/> is the model string as stored (trimmed), even when it repeats the make
    /// ("Canon" + "Canon EOS 450D"): it is what the camera wrote and what a user searches for.</para>
    /// <para><c>captured_before_delivery</c> uses DateTimeOriginal (else DateTimeDigitized, else DateTime) with
    /// OffsetTimeOriginal (else OffsetTime), or the GPS time stamp (UTC) when no offset is recorded. With an exact
    /// time: High when at least 1 h before delivery. Without one: High only when more than 14 h before delivery
    /// read as UTC (before delivery in every time zone); Warning when before delivery only when read as UTC+08:00,
    /// China Standard Time, the desk's market ("no time zone recorded; assumed UTC+8").</para>
    /// <para><c>exif_thumbnail_mismatch</c> is checked for JPEG only and needs <see cref="MetadataContext.WorkingGray"/>.</para>
    /// </remarks>
    public static MetadataReport Inspect(ReadOnlySpan<byte> file, ImageFormat format, MetadataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pngPart = format == ImageFormat.Png ? PngMetadataPart.Extract(file) : null;
        var bytes = pngPart is null ? MetadataPart(file, format) : pngPart;
        var facts = Read(bytes);
        var taken = CaptureTime.From(facts);
        var findings = new List<Finding>();
        Add(findings, AiLabelFinder.FindTc260(facts, bytes));
        Add(findings, AiLabelFinder.FindIptcSourceType(facts));
        Add(findings, GeneratorFinder.Find(facts));
        Add(findings, EditorFinder.Find(facts));
        Add(findings, CaptureTimeFinder.Find(taken, context.DeliveredAt));
        if (format == ImageFormat.Jpeg && context.WorkingGray is { } gray)
            Add(findings, ThumbnailMismatch(file, facts, gray));
        if (facts.Make is null && facts.Model is null && facts.DateTimeOriginal is null)
            findings.Add(NoCameraMetadata());

        var software = facts.Software ?? facts.Xmp.FirstOrDefault(v => v.IsIn(XmpBasicNamespace) && v.LocalName == "CreatorTool").Value;
        var capture = new CaptureInfo(facts.Make, facts.Model, taken?.Iso, software);
        return new MetadataReport(capture, findings);
    }

    // Every metadata segment of a JPEG precedes its first scan; MetadataExtractor stops at the SOS marker and its
    // length, which are kept so that it sees a normal end.
    private static ReadOnlySpan<byte> MetadataPart(ReadOnlySpan<byte> file, ImageFormat format)
    {
        var scan = format == ImageFormat.Jpeg ? ThumbnailLocator.ScanStart(file) : -1;
        return scan > 0 ? file[..Math.Min(file.Length, scan + 4)] : file;
    }

    // Reads in place through a pinned pointer: no copy of a 20 MB PNG just to find its text chunks.
    private static unsafe MetadataFacts Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            fixed (byte* start = bytes)
            {
                using var stream = new UnmanagedMemoryStream(start, bytes.Length);
                return MetadataFacts.From(ImageMetadataReader.ReadMetadata(stream));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MetadataExtractor records most damage on its directories, but it is third-party code reading hostile
            // bytes: whatever it throws means "no usable metadata", never a failed analysis.
            return new MetadataFacts();
        }
    }

    private static Finding? ThumbnailMismatch(ReadOnlySpan<byte> file, MetadataFacts facts, Mat workingGray)
    {
        if (facts.ThumbnailOffset is not { } offset || facts.ThumbnailLength is not { } length
            || facts.ThumbnailCompression is not (null or 6 or 7))
            return null;
        var bytes = ThumbnailLocator.Find(file, offset, length);
        if (bytes.IsEmpty)
            return null;
        using var thumb = Decode(bytes);
        if (thumb is null)
            return null;
        if (ThumbnailComparer.Compare(thumb, workingGray, facts.Orientation) is not { } match)
            return null;
        if (match.IsMatch)
            return null;
        var summary = new LocalizedText(
            "The small preview image stored in the EXIF data does not show the same picture as the photo: the photo was probably changed after it was taken, by software that did not update the preview.",
            "EXIF 中保存的缩略图与照片内容不一致：照片很可能在拍摄后被修改过，而修改软件没有更新缩略图。");
        var details = new JsonObject
        {
            ["similarity"] = Math.Round(match.Similarity, 3),
            ["worstCellError"] = Math.Round(match.WorstCellError, 2),
            ["thumbnailSize"] = new JsonArray(thumb.Width, thumb.Height),
        };
        return new Finding(FindingCodes.ExifThumbnailMismatch, Severity.High, match.Similarity < ThumbnailMatch.MinSimilarity ? 0.85 : 0.7, summary, details);
    }

    private static Mat? Decode(ReadOnlySpan<byte> jpeg)
    {
        // A hostile thumbnail can declare a huge frame in 64 KB: decode only thumbnail-sized ones.
        var header = ImageSniffer.Sniff(jpeg);
        if (header.Format != ImageFormat.Jpeg || header.Width is < 16 or > MaxThumbnailSide || header.Height is < 16 or > MaxThumbnailSide)
            return null;
        try
        {
            var mat = Cv2.ImDecode(jpeg, ImreadModes.Grayscale);
            if (!mat.Empty())
                return mat;
            mat.Dispose();
            return null;
        }
        catch (OpenCVException)
        {
            return null;
        }
    }

    private static Finding NoCameraMetadata() => new(
        FindingCodes.NoCameraMetadata, Severity.Info, 1.0,
        new LocalizedText(
            "The file has no camera make, model or original capture time. This proves nothing: screenshots, messaging apps and privacy settings remove this metadata.",
            "文件中没有相机品牌、型号或原始拍摄时间。这本身不说明任何问题：截图、聊天软件和隐私设置都会去除这些元数据。"));

    private static void Add(List<Finding> findings, Finding? finding)
    {
        if (finding is not null)
            findings.Add(finding);
    }
}
