using System.Buffers.Binary;
using System.Text;

namespace ClaimLens.Forensics.Reuse;

/// <summary>A <see cref="ReuseIndex"/> kept in one file together with the source of every fingerprint (a path,
/// an evidence id), for the <c>claimlens index</c> command. The one class of the library that touches the file
/// system, because a file is what it is for. Not thread-safe: one user at a time.
/// <para>Layout, little-endian:
/// <code>
/// "CLRF"        4 bytes  magic
/// version       u16      1
/// reserved      u16      0
/// sourceCount   i32
/// sources       sourceCount x { byteLength u16 (at most 1024), UTF-8 bytes }
/// checksum      u64      FNV-1a over the source records' bytes
/// index         the rest: a ReuseIndex as written by ReuseIndex.Save; each key is a source's ordinal
/// </code></para></summary>
public sealed class ReuseIndexFile : IReuseLookup
{
    /// <summary>The current version.</summary>
    public const ushort Version = 1;

    /// <summary>Longest source in UTF-8 bytes.</summary>
    public const int MaxSourceBytes = 1024;

    private static ReadOnlySpan<byte> Magic => "CLRF"u8;

    private readonly string _path;
    private readonly ReuseIndex _index;
    private readonly List<string> _sources;
    private readonly Dictionary<string, int> _ids;
    private long _fileBytes;

    private ReuseIndexFile(string path, ReuseIndex index, List<string> sources, long fileBytes)
    {
        _path = path;
        _index = index;
        _sources = sources;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++) _ids.TryAdd(sources[i], i);
        _fileBytes = fileBytes;
    }

    /// <summary>Count, sizes and threshold.</summary>
    public ReuseIndexStats Stats => new(_index.Count, _sources.Count, _fileBytes, _index.MemoryBytes, _index.MaxDistance);

    /// <summary>Opens the index file at <paramref name="path"/>, or starts an empty one there (written by <see cref="Save"/>).</summary>
    /// <exception cref="InvalidDataException">The file exists but is not an intact index file; the message says what is wrong.</exception>
    public static ReuseIndexFile OpenOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            return new ReuseIndexFile(path, new ReuseIndex(), [], 0);
        using var stream = File.OpenRead(path);
        try
        {
            var sources = ReadSources(stream);
            var index = ReuseIndex.Load(stream);
            if (!index.KeysBelow(sources.Count))
                throw new InvalidDataException($"a fingerprint refers to a source beyond the {sources.Count} recorded");
            return new ReuseIndexFile(path, index, sources, stream.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path} is not a usable reuse index file: {ex.Message}", ex);
        }
    }

    /// <summary>Adds a fingerprint and where it came from.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is empty or longer than <see cref="MaxSourceBytes"/> in UTF-8.</exception>
    public void Add(PerceptualHash hash, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (Encoding.UTF8.GetByteCount(source) > MaxSourceBytes)
            throw new ArgumentException($"a source may be at most {MaxSourceBytes} UTF-8 bytes", nameof(source));
        if (!_ids.TryGetValue(source, out var id))
        {
            id = _sources.Count;
            _sources.Add(source);
            _ids.Add(source, id);
        }
        _index.Add(hash, id);
    }

    /// <summary>Earlier fingerprints near any of <paramref name="probes"/> (<see cref="Fingerprinter.ComputeProbes"/>,
    /// or a single hash), nearest first, one per source.</summary>
    public IReadOnlyList<SourcedMatch> Find(IReadOnlyList<PerceptualHash> probes, int maxResults = 10) =>
        _index.FindAny(probes, maxResults).Select(m => new SourcedMatch(Describe(m.Key), m.Distance, m.Similarity)).ToList();

    /// <summary>The source recorded under a key of a <see cref="ReuseMatch"/>.</summary>
    public string Describe(long key) => key >= 0 && key < _sources.Count ? _sources[(int)key] : $"#{key}";

    /// <summary>The matches as <see cref="ReuseIndex.FindAny"/> gives them, for <see cref="ReuseFindings.Create"/> with <see cref="Describe"/>.</summary>
    public IReadOnlyList<ReuseMatch> FindMatches(IReadOnlyList<PerceptualHash> probes, int maxResults = 10) => _index.FindAny(probes, maxResults);

    IReadOnlyList<ReuseMatch> IReuseLookup.Find(IReadOnlyList<PerceptualHash> probes, int maxResults) => FindMatches(probes, maxResults);

    /// <summary>Writes the file: to a temporary file beside it first, then renamed over it, so a crash never
    /// leaves half a file.</summary>
    public void Save()
    {
        var full = Path.GetFullPath(_path);
        var temporary = full + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            WriteSources(stream, _sources);
            _index.Save(stream);
        }
        File.Move(temporary, full, overwrite: true);
        _fileBytes = new FileInfo(full).Length;
    }

    private static void WriteSources(Stream stream, List<string> sources)
    {
        Span<byte> header = stackalloc byte[12];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], sources.Count);
        stream.Write(header);
        var buffer = new byte[2 + MaxSourceBytes];
        var checksum = FnvOffset;
        foreach (var source in sources)
        {
            var length = Encoding.UTF8.GetBytes(source, buffer.AsSpan(2));
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)length);
            checksum = Fnv(checksum, buffer.AsSpan(0, 2 + length));
            stream.Write(buffer, 0, 2 + length);
        }
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, checksum);
        stream.Write(trailer);
    }

    private static List<string> ReadSources(Stream stream)
    {
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InvalidDataException("the file is shorter than its 12-byte header");
        if (!header[..4].SequenceEqual(Magic))
            throw new InvalidDataException("the file does not start with \"CLRF\"");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != Version)
            throw new InvalidDataException($"version {version} is not supported (this build reads version {Version})");
        var count = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        // Every source takes at least 3 bytes, so the file length bounds a believable count.
        if (count < 0 || (long)count * 3 + 8 > stream.Length - stream.Position)
            throw new InvalidDataException($"the header announces {count} sources, more than the file can hold");

        // The count is only plausible so far: grow with the sources actually read.
        var sources = new List<string>(Math.Min(count, 1 << 16));
        var buffer = new byte[2 + MaxSourceBytes];
        var checksum = FnvOffset;
        for (var i = 0; i < count; i++)
        {
            if (stream.ReadAtLeast(buffer.AsSpan(0, 2), 2, throwOnEndOfStream: false) < 2)
                throw new InvalidDataException($"truncated: the source table ends after {i} of {count} sources");
            var bytes = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
            if (bytes is 0 or > MaxSourceBytes)
                throw new InvalidDataException($"source {i} claims {bytes} bytes (1..{MaxSourceBytes} allowed)");
            if (stream.ReadAtLeast(buffer.AsSpan(2, bytes), bytes, throwOnEndOfStream: false) < bytes)
                throw new InvalidDataException($"truncated: source {i} of {count} is cut short");
            checksum = Fnv(checksum, buffer.AsSpan(0, 2 + bytes));
            sources.Add(Encoding.UTF8.GetString(buffer, 2, bytes));
        }
        Span<byte> trailer = stackalloc byte[8];
        if (stream.ReadAtLeast(trailer, 8, throwOnEndOfStream: false) < 8)
            throw new InvalidDataException("truncated: the source table's checksum is missing");
        if (BinaryPrimitives.ReadUInt64LittleEndian(trailer) != checksum)
            throw new InvalidDataException("corrupt: the source table does not match its checksum");
        return sources;
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
