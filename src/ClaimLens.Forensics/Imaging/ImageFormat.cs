namespace ClaimLens.Forensics.Imaging;

/// <summary>Container formats recognised from the file's first bytes (never from its name).</summary>
public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Bmp,
    Gif,
    Tiff,
    Heic,
    Avif,
}
