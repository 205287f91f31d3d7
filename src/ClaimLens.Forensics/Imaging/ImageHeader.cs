namespace ClaimLens.Forensics.Imaging;

/// <summary>What the container header declares, read without decoding pixels. Width and height are as
/// stored (before EXIF orientation) and 0 when the header does not say.</summary>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    /// <summary>Declared pixel count, or 0 when unknown.</summary>
    public long PixelCount => (long)Width * Height;
}
