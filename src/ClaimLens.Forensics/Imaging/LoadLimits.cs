namespace ClaimLens.Forensics.Imaging;

/// <summary>Guards against decompression bombs and sets the working resolution.</summary>
public sealed record LoadLimits
{
    /// <summary>Largest declared pixel count accepted for JPEG, which is decoded with DCT scaling and so
    /// never materialises full resolution. Default 150 MP (a 108 MP phone sensor fits).</summary>
    public long MaxJpegPixels { get; init; } = 150_000_000;

    /// <summary>Largest declared pixel count for formats decoded at full size (PNG, WebP, BMP). Default 50 MP.</summary>
    public long MaxOtherPixels { get; init; } = 50_000_000;

    /// <summary>Largest side accepted for any format. Default 30,000.</summary>
    public int MaxSide { get; init; } = 30_000;

    /// <summary>The working image's long side is at least this (unless the original is smaller) and
    /// below twice this: JPEGs are decoded at 1/2, 1/4 or 1/8 scale to get there cheaply.</summary>
    public int WorkingLongSide { get; init; } = 1000;

    /// <summary>Largest file accepted, in bytes. Default 64 MB.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static LoadLimits Default { get; } = new();
}
