namespace ClaimLens.Forensics.Report;

/// <summary>Capture facts as a user would read them. <see cref="TakenAt"/> is ISO-8601, with the offset
/// when the file records one (EXIF OffsetTimeOriginal) and without one when it does not.</summary>
public sealed record CaptureInfo(string? Make, string? Model, string? TakenAt, string? Software)
{
    /// <summary>No capture facts at all.</summary>
    public static CaptureInfo Empty { get; } = new(null, null, null, null);
}
