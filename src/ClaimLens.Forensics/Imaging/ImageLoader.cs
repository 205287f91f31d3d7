using OpenCvSharp;

namespace ClaimLens.Forensics.Imaging;

/// <summary>Checks, then decodes, image bytes into a <see cref="DecodedImage"/> at working resolution.</summary>
public static class ImageLoader
{
    /// <summary>Decodes <paramref name="data"/>.</summary>
    /// <exception cref="ImageLoadException">Not a supported image, corrupt, truncated, or too large; the
    /// message is one line a user can act on.</exception>
    public static DecodedImage Load(ReadOnlySpan<byte> data, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        var header = Check(data, limits);
        var workingSide = WorkingSide(header.Width, header.Height, limits.WorkingLongSide);
        var reduction = header.Format == ImageFormat.Jpeg ? JpegReduction(header, workingSide) : 1;
        var (decoded, width, height) = Decode(data, header, reduction);
        var working = decoded;
        var longSide = Math.Max(decoded.Width, decoded.Height);
        var boundSide = Elongated(decoded.Width, decoded.Height) ? Math.Min(decoded.Width, decoded.Height) : longSide;
        if (boundSide >= 2 * limits.WorkingLongSide)
        {
            var factor = (double)limits.WorkingLongSide / boundSide;
            working = new Mat();
            Cv2.Resize(decoded, working, new Size(), factor, factor, InterpolationFlags.Area);
            decoded.Dispose();
        }
        return new DecodedImage(header.Format, width, height, working);
    }

    /// <summary>Decodes <paramref name="data"/> at exactly 1/<paramref name="reduction"/> of its size (JPEG's scaled
    /// decode; other formats only at 1), with no further resize.</summary>
    /// <exception cref="ImageLoadException">As for <see cref="Load"/>.</exception>
    internal static DecodedImage LoadReduced(ReadOnlySpan<byte> data, int reduction, LoadLimits limits)
    {
        var header = Check(data, limits);
        if (reduction != 1 && header.Format != ImageFormat.Jpeg)
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Only JPEG decodes reduced.");
        var (decoded, width, height) = Decode(data, header, reduction);
        return new DecodedImage(header.Format, width, height, decoded);
    }

    private static (Mat Decoded, int Width, int Height) Decode(ReadOnlySpan<byte> data, ImageHeader header, int reduction)
    {
        var mode = reduction switch
        {
            8 => ImreadModes.ReducedColor8,
            4 => ImreadModes.ReducedColor4,
            2 => ImreadModes.ReducedColor2,
            1 => ImreadModes.Color,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "JPEG decodes at 1/1, 1/2, 1/4 or 1/8."),
        };

        Mat decoded;
        try
        {
            decoded = Cv2.ImDecode(data, mode);
        }
        catch (OpenCVException ex)
        {
            throw new ImageLoadException($"the {Describe(header.Format)} data is corrupt ({ex.Message.Trim()})", ex);
        }
        if (decoded.Empty())
        {
            decoded.Dispose();
            throw new ImageLoadException($"the {Describe(header.Format)} data is corrupt and could not be decoded");
        }

        // The header gives the stored size; EXIF orientation may have turned the decoded picture.
        var (width, height) = (header.Width, header.Height);
        if (width == 0 || height == 0)
            (width, height) = (decoded.Width * reduction, decoded.Height * reduction);
        else if (width != height && (width > height) != (decoded.Width > decoded.Height))
            (width, height) = (height, width);
        return (decoded, width, height);
    }

    /// <summary>Sniffs and validates without decoding.</summary>
    /// <exception cref="ImageLoadException">As for <see cref="Load"/>.</exception>
    public static ImageHeader Check(ReadOnlySpan<byte> data, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        if (data.IsEmpty)
            throw new ImageLoadException("the file is empty (0 bytes)");
        if (data.Length > limits.MaxFileBytes)
            throw new ImageLoadException($"the file is {data.Length / (1024 * 1024)} MB; the limit is {limits.MaxFileBytes / (1024 * 1024)} MB");

        var header = ImageSniffer.Sniff(data);
        switch (header.Format)
        {
            case ImageFormat.Unknown:
                throw new ImageLoadException(LooksLikeText(data)
                    ? "not an image: the file is text (HTML or similar), whatever its name says"
                    : "not a supported image: the bytes are not JPEG, PNG, WebP or BMP");
            case ImageFormat.Heic or ImageFormat.Avif:
                throw new ImageLoadException($"{Describe(header.Format)} is not supported yet: export the photo as JPEG (on iPhone: Settings > Camera > Formats > Most Compatible)");
            case ImageFormat.Gif or ImageFormat.Tiff:
                throw new ImageLoadException($"{Describe(header.Format)} is not supported: send the photo as JPEG, PNG or WebP");
        }

        if (header.Width <= 0 || header.Height <= 0)
            throw new ImageLoadException($"the {Describe(header.Format)} header is damaged: no image size found");
        if (header.Width > limits.MaxSide || header.Height > limits.MaxSide)
            throw new ImageLoadException($"the {Describe(header.Format)} declares {header.Width} x {header.Height} pixels; the limit is {limits.MaxSide} per side");
        var maxPixels = header.Format == ImageFormat.Jpeg ? limits.MaxJpegPixels : limits.MaxOtherPixels;
        if (header.PixelCount > maxPixels)
            throw new ImageLoadException($"the {Describe(header.Format)} declares {header.Width} x {header.Height} = {header.PixelCount / 1_000_000} MP; the limit is {maxPixels / 1_000_000} MP");
        if (header.Format == ImageFormat.Jpeg && !HasEndOfImage(data))
            throw new ImageLoadException("the JPEG is truncated: it has no end-of-image marker (an incomplete upload or copy)");
        if (header.Format == ImageFormat.Png && data.LastIndexOf("IEND"u8) < 0)
            throw new ImageLoadException("the PNG is truncated: it has no IEND chunk (an incomplete upload or copy)");
        return header;
    }

    internal static string Describe(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        ImageFormat.WebP => "WebP",
        ImageFormat.Bmp => "BMP",
        ImageFormat.Gif => "GIF",
        ImageFormat.Tiff => "TIFF",
        ImageFormat.Heic => "HEIC/HEIF",
        ImageFormat.Avif => "AVIF",
        _ => "file",
    };

    // A picture at least this elongated is a phone screenshot (or a panorama): the photo inside spans its
    // short side, so the short side, not the long one, is kept at the working size.
    private const double ElongatedAspect = 1.9;

    private static bool Elongated(int width, int height) =>
        Math.Min(width, height) > 0 && (double)Math.Max(width, height) / Math.Min(width, height) >= ElongatedAspect;

    // The long side a decode must keep: the working long side, or for an elongated picture enough to keep
    // its short side at the working long side.
    private static int WorkingSide(int width, int height, int workingLongSide) =>
        Elongated(width, height) ? (int)Math.Min(int.MaxValue / 2, (long)workingLongSide * Math.Max(width, height) / Math.Max(1, Math.Min(width, height))) : workingLongSide;

    private static int JpegReduction(ImageHeader header, int workingLongSide)
    {
        var longSide = Math.Max(header.Width, header.Height);
        foreach (var r in (ReadOnlySpan<int>)[8, 4, 2])
        {
            if (longSide / r >= workingLongSide)
                return r;
        }
        return 1;
    }

    // Cameras and editors may append data after EOI (MPF previews, Samsung trailers), so look for
    // FFD9 anywhere in the last part of the file rather than only in its last two bytes.
    private static bool HasEndOfImage(ReadOnlySpan<byte> data)
    {
        var tail = data.Length > 4 * 1024 * 1024 ? data[^(4 * 1024 * 1024)..] : data;
        return tail.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) > 0;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 512)];
        foreach (var b in head)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
                return false;
        }
        return true;
    }
}
