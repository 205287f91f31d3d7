using System.Buffers.Binary;

namespace ClaimLens.Forensics.Imaging;

/// <summary>Recognises the container from magic bytes and reads the declared size from its header, so a
/// decompression bomb is refused before a single pixel is allocated.</summary>
public static class ImageSniffer
{
    /// <summary>The format and declared size; <see cref="ImageFormat.Unknown"/> when nothing matches.</summary>
    public static ImageHeader Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return ReadJpeg(data);
        // Not "\x89PNG..."u8: that literal encodes U+0089 as two UTF-8 bytes and never matches.
        if (data.Length >= 8 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return ReadPng(data);
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
            return ReadWebP(data);
        if (data.Length >= 10 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
            return new(ImageFormat.Gif, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        if (data.Length >= 26 && data[0] == (byte)'B' && data[1] == (byte)'M')
            return new(ImageFormat.Bmp, Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[18..])), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..])));
        if (data.Length >= 4 && (data[..4].SequenceEqual("II*\0"u8) || data[..4].SequenceEqual("MM\0*"u8)))
            return new(ImageFormat.Tiff, 0, 0);
        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
            return ReadIsoBmffBrand(data);
        return new(ImageFormat.Unknown, 0, 0);
    }

    // JPEG: FFD8, then segments "FF marker [len_hi len_lo payload...]"; SOFn payload is
    // precision(1) height(2) width(2) components(1)...; standalone markers (RSTn, TEM) carry no length.
    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF) { pos++; continue; }
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { pos += 2; continue; }
            if (marker is 0xD9 or 0xDA) break;
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2) break;
            var isSof = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isSof && pos + 9 <= data.Length)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 7)..]);
                return new(ImageFormat.Jpeg, width, height);
            }
            pos += 2 + length;
        }
        return new(ImageFormat.Jpeg, 0, 0);
    }

    // PNG: signature(8), then the IHDR chunk: length(4) "IHDR" width(4) height(4) ...
    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
            return new(ImageFormat.Png, 0, 0);
        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        return new(ImageFormat.Png, (int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
    }

    // WebP: "RIFF" size "WEBP", then the first chunk: "VP8 " (lossy), "VP8L" (lossless) or "VP8X" (extended).
    private static ImageHeader ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
            return new(ImageFormat.WebP, 0, 0);
        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var w = 1 + (data[24] | data[25] << 8 | data[26] << 16);
            var h = 1 + (data[27] | data[28] << 8 | data[29] << 16);
            return new(ImageFormat.WebP, w, h);
        }
        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return new(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            var w = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            var h = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
            return new(ImageFormat.WebP, w, h);
        }
        return new(ImageFormat.WebP, 0, 0);
    }

    // ISO-BMFF: size(4) "ftyp" major_brand(4) ... — HEIF stills and AVIF.
    private static ImageHeader ReadIsoBmffBrand(ReadOnlySpan<byte> data)
    {
        var brand = data.Slice(8, 4);
        if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            return new(ImageFormat.Avif, 0, 0);
        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
            || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("heim"u8))
            return new(ImageFormat.Heic, 0, 0);
        return new(ImageFormat.Unknown, 0, 0);
    }
}
