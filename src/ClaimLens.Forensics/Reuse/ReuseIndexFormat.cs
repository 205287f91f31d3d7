using System.Buffers.Binary;

namespace ClaimLens.Forensics.Reuse;

/// <summary>The binary format of a saved <see cref="ReuseIndex"/>. Little-endian:
/// <code>
/// "CLRI"          4 bytes  magic
/// version         u16      1
/// maxDistance     u8       0..64 (128-bit match distance)
/// reserved        u8       0
/// count           i64      number of entries, 0..2^30
/// entries         count x { value u64, detail u64, key i64 }
/// checksum        u64      FNV-1a over header and entries as 64-bit words
/// </code>
/// Only entries are stored; the multi-index tables are rebuilt on load (about a second for 10 million).</summary>
public static class ReuseIndexFormat
{
    /// <summary>The current version.</summary>
    public const ushort Version = 1;

    /// <summary>The most entries a file may hold (the tables index entries with 32-bit positions).</summary>
    public const long MaxEntries = 1L << 30;

    private static ReadOnlySpan<byte> Magic => "CLRI"u8;
    private const int HeaderBytes = 16;
    private const int EntryBytes = 24;
    private const int ChunkEntries = 4096;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    internal static void Write(Stream stream, int maxDistance, long count, IEnumerable<(PerceptualHash Hash, long Key)> entries)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        header[6] = (byte)maxDistance;
        header[7] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], count);
        stream.Write(header);

        var buffer = new byte[ChunkEntries * EntryBytes];
        var used = 0;
        var checksum = Fnv(FnvOffset, header);
        long written = 0;
        foreach (var (hash, key) in entries)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(used), hash.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(used + 8), hash.Detail);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used + 16), key);
            used += EntryBytes;
            written++;
            if (used == buffer.Length)
            {
                checksum = Fnv(checksum, buffer);
                stream.Write(buffer);
                used = 0;
            }
        }
        if (written != count)
            throw new InvalidOperationException($"the index changed its entry count while saving ({count} announced, {written} written)");
        checksum = Fnv(checksum, buffer.AsSpan(0, used));
        stream.Write(buffer, 0, used);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, checksum);
        stream.Write(trailer);
    }

    internal static (int MaxDistance, ulong[] Hashes, ulong[] Details, long[] Keys) Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            throw new InvalidDataException("not a ClaimLens reuse index: the data is shorter than its 16-byte header");
        if (!header[..4].SequenceEqual(Magic))
            throw new InvalidDataException("not a ClaimLens reuse index: the data does not start with \"CLRI\"");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != Version)
            throw new InvalidDataException($"reuse index version {version} is not supported (this build reads version {Version})");
        int maxDistance = header[6];
        if (maxDistance > ReuseIndex.MaxSupportedDistance || header[7] != 0)
            throw new InvalidDataException($"corrupt reuse index header: match distance {maxDistance} (at most {ReuseIndex.MaxSupportedDistance}), reserved byte {header[7]}");
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (count is < 0 or > MaxEntries)
            throw new InvalidDataException($"corrupt reuse index header: {count} entries (at most {MaxEntries})");
        if (stream.CanSeek)
        {
            // Check the length before allocating for `count` entries, so a forged count cannot demand gigabytes.
            var expected = count * EntryBytes + 8;
            var remaining = stream.Length - stream.Position;
            if (remaining < expected)
                throw new InvalidDataException($"truncated reuse index: the header announces {count} entries ({expected} bytes) but only {remaining} bytes follow");
        }

        // Without a length to check, grow with the data actually read rather than trusting the header.
        var capacity = stream.CanSeek ? (int)count : (int)Math.Min(count, 1 << 20);
        var hashes = new ulong[capacity];
        var details = new ulong[capacity];
        var keys = new long[capacity];
        var buffer = new byte[ChunkEntries * EntryBytes];
        var checksum = Fnv(FnvOffset, header);
        var read = 0;
        while (read < count)
        {
            var entries = (int)Math.Min(count - read, ChunkEntries);
            var chunk = buffer.AsSpan(0, entries * EntryBytes);
            if (stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false) < chunk.Length)
                throw new InvalidDataException($"truncated reuse index: the data ends within the first {read + entries} of {count} entries");
            checksum = Fnv(checksum, chunk);
            if (read + entries > hashes.Length)
            {
                var grown = (int)Math.Min(count, 2L * hashes.Length + entries);
                Array.Resize(ref hashes, grown);
                Array.Resize(ref details, grown);
                Array.Resize(ref keys, grown);
            }
            for (var i = 0; i < entries; i++, read++)
            {
                hashes[read] = BinaryPrimitives.ReadUInt64LittleEndian(chunk[(i * EntryBytes)..]);
                details[read] = BinaryPrimitives.ReadUInt64LittleEndian(chunk[(i * EntryBytes + 8)..]);
                keys[read] = BinaryPrimitives.ReadInt64LittleEndian(chunk[(i * EntryBytes + 16)..]);
            }
        }
        Span<byte> trailer = stackalloc byte[8];
        if (stream.ReadAtLeast(trailer, 8, throwOnEndOfStream: false) < 8)
            throw new InvalidDataException("truncated reuse index: the checksum after the entries is missing");
        var stored = BinaryPrimitives.ReadUInt64LittleEndian(trailer);
        if (stored != checksum)
            throw new InvalidDataException($"corrupt reuse index: checksum {stored:x16} does not match the header and entries ({checksum:x16})");
        return (maxDistance, hashes, details, keys);
    }

    // FNV-1a over 64-bit words (the entry bytes are always a multiple of 8): a checksum against damage, not an
    // authenticity check; words instead of bytes keep 10 million entries well under a second.
    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i + 8 <= bytes.Length; i += 8)
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * FnvPrime;
        return hash;
    }
}
