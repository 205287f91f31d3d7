using System.Buffers.Binary;

namespace ClaimLens.Forensics.Imaging;

/// <summary>The quantisation tables of a JPEG and the IJG quality they correspond to.</summary>
/// <param name="LumaTable">64 luminance quantisers in natural (row-major) order.</param>
/// <param name="ChromaTable">64 chrominance quantisers in natural order, or null for greyscale.</param>
/// <param name="Quality">Estimated IJG quality 1..100 of the luminance table.</param>
/// <param name="IsStandardTable">True when the luminance table is exactly an IJG-scaled standard table.</param>
/// <param name="IsProgressive">True for a progressive (SOF2) JPEG.</param>
public sealed record JpegInfo(ushort[] LumaTable, ushort[]? ChromaTable, int Quality, bool IsStandardTable, bool IsProgressive)
{
    // Annex K table K.1, natural order.
    internal static ReadOnlySpan<byte> StandardLuma =>
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    internal static ReadOnlySpan<byte> ZigZag =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>Mean luminance quantiser: a compact measure of how hard the file was compressed.</summary>
    public double MeanLumaStep
    {
        get
        {
            double sum = 0;
            foreach (var q in LumaTable)
                sum += q;
            return sum / LumaTable.Length;
        }
    }

    /// <summary>Reads the DQT segments of a JPEG; null when the data is not a JPEG or has no luminance table.</summary>
    public static JpegInfo? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
            return null;
        var tables = new ushort[4][];
        var progressive = false;
        var pos = 2;
        // Segments: FF marker len_hi len_lo payload(len-2). DQT payload: repeated
        // [Pq(4 bits) Tq(4 bits)] then 64 entries of 1 byte (Pq=0) or 2 bytes (Pq=1), in zig-zag order.
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF) { pos++; continue; }
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { pos += 2; continue; }
            if (marker is 0xDA or 0xD9) break;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length) break;
            var payload = data.Slice(pos + 4, length - 2);
            if (marker == 0xC2) progressive = true;
            if (marker == 0xDB) ReadDqt(payload, tables);
            pos += 2 + length;
        }
        if (tables[0] is null)
            return null;
        var (quality, exact) = EstimateQuality(tables[0]);
        return new JpegInfo(tables[0], tables[1], quality, exact, progressive);
    }

    private static void ReadDqt(ReadOnlySpan<byte> payload, ushort[][] tables)
    {
        var p = 0;
        while (p < payload.Length)
        {
            var precision = payload[p] >> 4;
            var id = payload[p] & 0x0F;
            p++;
            var size = precision == 0 ? 64 : 128;
            if (id > 3 || p + size > payload.Length)
                return;
            var table = new ushort[64];
            for (var i = 0; i < 64; i++)
            {
                var value = precision == 0 ? payload[p + i] : BinaryPrimitives.ReadUInt16BigEndian(payload[(p + 2 * i)..]);
                table[ZigZag[i]] = value;
            }
            tables[id] = table;
            p += size;
        }
    }

    // IJG scaling: scale = q < 50 ? 5000 / q : 200 - 2q; entry = clamp((std * scale + 50) / 100, 1, 255).
    // Pick the quality whose scaled standard table is closest to the file's table.
    private static (int Quality, bool Exact) EstimateQuality(ushort[] luma)
    {
        var best = (Quality: 50, Error: double.MaxValue);
        for (var q = 1; q <= 100; q++)
        {
            var scale = q < 50 ? 5000 / q : 200 - 2 * q;
            double error = 0;
            for (var i = 0; i < 64; i++)
            {
                var expected = Math.Clamp((StandardLuma[i] * scale + 50) / 100, 1, 255);
                error += Math.Abs(expected - luma[i]);
            }
            if (error < best.Error)
                best = (q, error);
        }
        return (best.Quality, best.Error == 0);
    }
}
