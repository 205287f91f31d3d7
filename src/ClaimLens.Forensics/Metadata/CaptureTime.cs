using System.Globalization;

namespace ClaimLens.Forensics.Metadata;

/// <summary>When the photo says it was taken: the local wall-clock time, the offset when recorded, the field it
/// came from, and the GPS time stamp (UTC) when present.</summary>
internal sealed record CaptureTime(DateTime Local, TimeSpan? Offset, string Field, DateTime? GpsUtc)
{
    private static readonly string[] Formats =
    [
        "yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy:MM:dd HH:mm:ss.FFF",
    ];

    /// <summary>The exact instant: from the recorded offset, else from the GPS time stamp; null when neither exists.</summary>
    public DateTimeOffset? Instant =>
        Offset is { } offset ? new DateTimeOffset(Local, offset)
        : GpsUtc is { } gps ? new DateTimeOffset(gps, TimeSpan.Zero)
        : null;

    /// <summary>The field(s) <see cref="Instant"/> comes from.</summary>
    public string InstantField => Offset is null && GpsUtc is not null ? "GPSDateStamp+GPSTimeStamp" : Field;

    /// <summary>ISO-8601, with the offset only when the file records one.</summary>
    public string Iso => Offset is { } offset
        ? new DateTimeOffset(Local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
        : Local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>DateTimeOriginal, else DateTimeDigitized, else DateTime, with OffsetTimeOriginal (else OffsetTime).</summary>
    public static CaptureTime? From(MetadataFacts facts)
    {
        (string? Value, string Field)[] candidates =
        [
            (facts.DateTimeOriginal, "DateTimeOriginal"), (facts.DateTimeDigitized, "DateTimeDigitized"), (facts.DateTime, "DateTime"),
        ];
        foreach (var (value, field) in candidates)
        {
            if (ParseLocal(value) is not { } local)
                continue;
            var offset = ParseOffset(facts.OffsetTimeOriginal) ?? ParseOffset(facts.OffsetTime);
            // A GPS stamp more than a time zone away from the local time is a stale fix, not the capture time.
            var gps = facts.GpsUtc is { } g && Math.Abs((local - g).TotalHours) <= 15 ? g : (DateTime?)null;
            return new CaptureTime(local, offset, field, gps);
        }
        return null;
    }

    private static DateTime? ParseLocal(string? value)
    {
        if (value is null)
            return null;
        var text = value.Trim();
        if (text.Length > 32)
            return null;
        return DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
               && local.Year is > 1980 and < 2200
            ? DateTime.SpecifyKind(local, DateTimeKind.Unspecified)
            : null;
    }

    // "+08:00", "-05:30", "Z"; EXIF 2.31 stores exactly seven characters "±HH:MM".
    private static TimeSpan? ParseOffset(string? value)
    {
        if (value is null)
            return null;
        var text = value.Trim();
        if (text is "Z" or "z")
            return TimeSpan.Zero;
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':')
            return null;
        if (!int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
            return null;
        var span = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -span : span;
    }
}
