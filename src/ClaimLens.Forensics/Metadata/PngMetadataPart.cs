using System.Buffers.Binary;

namespace ClaimLens.Forensics.Metadata;

/// <summary>A PNG with its image data left out, so that MetadataExtractor walks kilobytes instead of megabytes.</summary>
internal static class PngMetadataPart
{
    private const int MaxChunks = 100_000;

    // Not a u8 string literal: "\x89" in one would be UTF-8 encoded as two bytes.
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The signature and every chunk except IDAT, in order; null when the layout is broken (the caller
    /// then reads the whole file and lets MetadataExtractor judge it).</summary>
    public static byte[]? Extract(ReadOnlySpan<byte> png)
    {
        // Signature (8 bytes), then chunks: length(4, BE) type(4) data(length) CRC(4), ending with IEND.
        if (png.Length < 8 || !png.StartsWith(Signature))
            return null;
        using var kept = new MemoryStream();
        kept.Write(png[..8]);
        var pos = 8;
        for (var chunks = 0; chunks < MaxChunks && pos + 12 <= png.Length; chunks++)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (length > int.MaxValue || pos + 12 + (long)length > png.Length)
                return null;
            var total = 12 + (int)length;
            var type = png.Slice(pos + 4, 4);
            if (!type.SequenceEqual("IDAT"u8))
                kept.Write(png.Slice(pos, total));
            if (type.SequenceEqual("IEND"u8))
                return kept.ToArray();
            pos += total;
        }
        return null;
    }
}
