namespace ClaimLens.Forensics.Report;

/// <summary>What the analysed file is. Width and height are as displayed (after EXIF orientation).</summary>
public sealed record ImageInfo(string? Path, string Sha256, string Format, int Width, int Height, CaptureInfo Capture);
