using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Evidence;

/// <summary>Content-addressed media on local disk: <c>objects/ab/cd/abcd…</c> named by the SHA-256 of the bytes,
/// so the same photo uploaded twice is stored once. Uploads are streamed to <c>staging/</c> while hashed, never
/// held in memory, and moved into place with an atomic rename.</summary>
public sealed class MediaStore
{
    /// <summary>How much of each upload is kept in memory for the header checks: a PNG's or WebP's header, and a
    /// JPEG's frame header behind ordinary EXIF and ICC segments (the check reads further in the file when not).
    /// Under the large-object threshold on purpose: per-upload arrays on the large-object heap made gen-2
    /// collections a fifth of the desk's CPU at intake (perf, bench desk-load).</summary>
    public const int HeadBytes = 64 * 1024;

    private const int BufferSize = 128 * 1024;
    private readonly string _objects;
    private readonly string _staging;

    public MediaStore(IOptions<MediaOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var root = Path.GetFullPath(options.Value.Root, environment.ContentRootPath);
        _objects = Path.Combine(root, "objects");
        _staging = Path.Combine(root, "staging");
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_staging);
    }

    public string StagingFolder => _staging;

    /// <summary>Copies <paramref name="source"/> to a staged file, hashing it.</summary>
    /// <exception cref="UploadException">The stream is longer than <paramref name="maxBytes"/> (nothing is kept).</exception>
    public async Task<StagedFile> StageAsync(Stream source, long maxBytes, string fileName, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".part");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[HeadBytes];
        var headLength = 0;
        long length = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // No FileStream buffer (it would be one more large-object array per upload): writes are whole chunks.
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true))
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                        throw new UploadException(field, $"{Describe(fileName)} is larger than {maxBytes / (1024 * 1024)} MB");
                    hash.AppendData(buffer, 0, read);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        Buffer.BlockCopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            return new StagedFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), length, fileName, field,
                headLength == head.Length ? head : head[..headLength]);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves a staged file into the store; returns false when the same content was already there.</summary>
    public bool Commit(StagedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var target = PathOf(file.Sha256);
        if (File.Exists(target))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(file.Path, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false; // another upload of the same bytes won the race
        }
    }

    /// <summary>Stores bytes made by the desk itself (a rendered heat map, a video frame).</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var target = PathOf(sha);
        if (File.Exists(target))
            return sha;
        var part = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".part");
        await File.WriteAllBytesAsync(part, bytes.ToArray(), cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(part, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(part);
        }
        return sha;
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);

    public Task<byte[]> ReadAllAsync(string sha256, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(PathOf(sha256), cancellationToken);

    /// <summary>The object's bytes in a pooled buffer, for a reader done with them before it awaits anything else: the
    /// analysis jobs read a 3-25 MB photo per job, and a fresh array each time was large-object-heap garbage that
    /// set off background collections.</summary>
    public async Task<RentedBytes> RentAllAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = checked((int)file.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
            return new RentedBytes(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Every stored object with its age, for the orphan sweeper.</summary>
    public IEnumerable<(string Sha256, DateTime WrittenUtc)> Objects() =>
        Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetFileName(f), File.GetLastWriteTimeUtc(f)))
            .Where(o => o.Item1.Length == 64);

    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>The stored file's path, for a tool that must read it by name (ffmpeg seeks in MP4 files).</summary>
    public string LocalPath(string sha256) => PathOf(sha256);

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("not a lower-case SHA-256", nameof(sha256));
        return Path.Combine(_objects, sha256[..2], sha256[2..4], sha256);
    }

    internal static string Describe(string fileName) => string.IsNullOrEmpty(fileName) ? "the file" : $"\"{fileName}\"";
}
