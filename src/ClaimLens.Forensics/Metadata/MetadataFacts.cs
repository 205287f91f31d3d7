using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Xmp;

namespace ClaimLens.Forensics.Metadata;

/// <summary>The handful of metadata values the checks use, flattened once from MetadataExtractor's directories.</summary>
internal sealed class MetadataFacts
{
    /// <summary>Longest text kept from any one field: enough for prompts and labels, bounded for hostile files.</summary>
    public const int MaxText = 64 * 1024;

    private const int MaxXmpValues = 10_000;
    private const int MaxTextFields = 500;
    // All text kept, XMP and free text together: bounds the pattern matching a hostile file can cause.
    private const int MaxTotalText = 2 * 1024 * 1024;

    private int _totalText;

    // EXIF 2.31 offset tags and the TIFF/EXIF tags MetadataExtractor names differently or not at all.
    private const int TagOffsetTime = 0x9010;
    private const int TagOffsetTimeOriginal = 0x9011;
    private const int TagProcessingSoftware = 0x000B;
    private const int TagXpComment = 0x9C9C;
    private const int TagCompression = 0x0103;

    public string? Make { get; private set; }
    public string? Model { get; private set; }
    public string? Software { get; private set; }
    public string? ProcessingSoftware { get; private set; }
    public string? DateTimeOriginal { get; private set; }
    public string? DateTimeDigitized { get; private set; }
    public string? DateTime { get; private set; }
    public string? OffsetTimeOriginal { get; private set; }
    public string? OffsetTime { get; private set; }
    public DateTime? GpsUtc { get; private set; }
    public int Orientation { get; private set; } = 1;
    public long? ThumbnailOffset { get; private set; }
    public long? ThumbnailLength { get; private set; }
    public int? ThumbnailCompression { get; private set; }

    /// <summary>True when an XMP packet was present but XmpCore could not parse it.</summary>
    public bool XmpUnparsed { get; private set; }

    /// <summary>Every XMP leaf value, in document order.</summary>
    public List<XmpValue> Xmp { get; } = [];

    /// <summary>Free texts: PNG text chunks, EXIF ImageDescription, UserComment and XPComment.</summary>
    public List<TextField> Texts { get; } = [];

    public static MetadataFacts From(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        var facts = new MetadataFacts();
        foreach (var directory in directories)
        {
            switch (directory)
            {
                case ExifIfd0Directory ifd0: facts.ReadIfd0(ifd0); break;
                case ExifSubIfdDirectory sub: facts.ReadSubIfd(sub); break;
                case GpsDirectory gps: facts.ReadGps(gps); break;
                case ExifThumbnailDirectory thumb: facts.ReadThumbnail(thumb); break;
                case XmpDirectory xmp: facts.ReadXmp(xmp); break;
                case PngDirectory png: facts.ReadPng(png); break;
            }
        }
        return facts;
    }

    private void ReadIfd0(ExifIfd0Directory d)
    {
        Make ??= Clean(d.GetString(ExifDirectoryBase.TagMake));
        Model ??= Clean(d.GetString(ExifDirectoryBase.TagModel));
        Software ??= Clean(d.GetString(ExifDirectoryBase.TagSoftware));
        ProcessingSoftware ??= Clean(d.GetString(TagProcessingSoftware));
        DateTime ??= Clean(d.GetString(ExifDirectoryBase.TagDateTime));
        if (d.TryGetInt32(ExifDirectoryBase.TagOrientation, out var orientation) && orientation is >= 1 and <= 8)
            Orientation = orientation;
        AddText("exif", "ImageDescription", Clean(d.GetString(ExifDirectoryBase.TagImageDescription)));
        if (d.GetObject(TagXpComment) is byte[] xp)
            AddText("exif", "XPComment", TextDecoding.Utf16Le(xp));
    }

    private void ReadSubIfd(ExifSubIfdDirectory d)
    {
        DateTimeOriginal ??= Clean(d.GetString(ExifDirectoryBase.TagDateTimeOriginal));
        DateTimeDigitized ??= Clean(d.GetString(ExifDirectoryBase.TagDateTimeDigitized));
        OffsetTimeOriginal ??= Clean(d.GetString(TagOffsetTimeOriginal));
        OffsetTime ??= Clean(d.GetString(TagOffsetTime));
        if (d.GetObject(ExifDirectoryBase.TagUserComment) is byte[] comment)
            AddText("exif", "UserComment", TextDecoding.UserComment(comment));
        else
            AddText("exif", "UserComment", Clean(d.GetString(ExifDirectoryBase.TagUserComment)));
    }

    private void ReadGps(GpsDirectory d)
    {
        if (GpsUtc is null && d.TryGetGpsDate(out var utc) && utc.Year is > 1990 and < 2200)
            GpsUtc = System.DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }

    private void ReadThumbnail(ExifThumbnailDirectory d)
    {
        if (d.TryGetInt64(ExifThumbnailDirectory.TagThumbnailOffset, out var offset)
            && d.TryGetInt64(ExifThumbnailDirectory.TagThumbnailLength, out var length))
        {
            ThumbnailOffset = offset;
            ThumbnailLength = length;
        }
        if (d.TryGetInt32(TagCompression, out var compression))
            ThumbnailCompression = compression;
    }

    private void ReadXmp(XmpDirectory d)
    {
        var meta = d.XmpMeta;
        if (meta is null)
        {
            XmpUnparsed = true;
            return;
        }
        foreach (var property in meta.Properties)
        {
            if (Xmp.Count >= MaxXmpValues || _totalText >= MaxTotalText)
                return;
            if (string.IsNullOrEmpty(property.Value) || property.Path is null)
                continue;
            var value = Cut(property.Value);
            _totalText += value.Length;
            Xmp.Add(new XmpValue(property.Namespace ?? "", property.Path, value));
        }
    }

    private void ReadPng(PngDirectory d)
    {
        if (d.GetObject(PngDirectory.TagTextualData) is not IList<MetadataExtractor.KeyValuePair> pairs)
            return;
        foreach (var pair in pairs)
            AddText("png", pair.Key ?? "", TextDecoding.Decode(pair.Value));
    }

    private void AddText(string source, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || Texts.Count >= MaxTextFields || _totalText >= MaxTotalText)
            return;
        var kept = Cut(text);
        _totalText += kept.Length;
        Texts.Add(new TextField(source, key, kept));
    }

    private static string Cut(string text) => text.Length > MaxText ? text[..MaxText] : text;

    // Camera strings are often NUL- or space-padded to a fixed width.
    private static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var trimmed = value.Trim('\0', ' ', '\t', '\r', '\n');
        return trimmed.Length == 0 ? null : Cut(trimmed);
    }
}
