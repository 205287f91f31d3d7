using System.Buffers.Binary;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Finds the bytes of the EXIF IFD1 thumbnail inside a JPEG file.</summary>
internal static class ThumbnailLocator
{
    /// <summary>Largest thumbnail accepted: an APP1 segment holds at most 64 KB anyway.</summary>
    private const int MaxThumbnail = 65_535;

    /// <summary>The thumbnail JPEG bytes, or an empty span when absent or out of bounds.
    /// <paramref name="offsetFromTiff"/> is IFD1's JPEGInterchangeFormat, which counts from the TIFF header.</summary>
    public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> jpeg, long offsetFromTiff, long length)
    {
        if (offsetFromTiff <= 0 || length <= 4 || length > MaxThumbnail)
            return [];
        var (tiff, end) = ExifSegment(jpeg);
        if (tiff < 0)
            return [];
        var start = tiff + offsetFromTiff;
        // The thumbnail must lie inside the Exif segment: past it are the main image's own bytes.
        if (start + length > end)
            return [];
        var thumb = jpeg.Slice((int)start, (int)length);
        return thumb[0] == 0xFF && thumb[1] == 0xD8 ? thumb : [];
    }

    /// <summary>Where the first scan (SOS) starts, or -1: every metadata segment of a JPEG comes before it.</summary>
    public static int ScanStart(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
            return -1;
        var pos = 2;
        for (var segments = 0; segments < 4096 && pos + 4 <= data.Length; segments++)
        {
            if (data[pos] != 0xFF)
                return -1;
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker == 0xDA)
                return pos;
            if (marker == 0xD9)
                return -1;
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
        }
        return -1;
    }

    // Segments after SOI: FF Mn len_hi len_lo payload(len-2). The Exif APP1 payload is "Exif\0\0" followed by the
    // TIFF header ("II*\0" or "MM\0*"). Stop at SOS: metadata never follows the scan.
    private static (int Tiff, int End) ExifSegment(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
            return (-1, -1);
        var pos = 2;
        for (var segments = 0; segments < 512 && pos + 4 <= data.Length; segments++)
        {
            if (data[pos] != 0xFF)
                return (-1, -1);
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0xDA or 0xD9)
                return (-1, -1);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
                return (-1, -1);
            var payload = data.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && payload.Length > 14 && payload.StartsWith("Exif\0\0"u8))
                return (pos + 4 + 6, pos + 2 + length);
            pos += 2 + length;
        }
        return (-1, -1);
    }
}
