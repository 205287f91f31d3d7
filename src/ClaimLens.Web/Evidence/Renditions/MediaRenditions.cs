using System.Collections.Concurrent;
using System.Text.Json;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Infrastructure;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>Display sizes and zoom tiles of stored pictures, made once and kept on disk beside the store
/// (<c>renditions/ab/abcd…/thumb-320-r1.jpg</c>), so pages never send a 25 MB original to a browser. A rendition
/// depends only on the content, so it is cached by SHA-256 and never invalidated; files are written to a
/// temporary name and renamed into place, and concurrent requests for one rendition share a single decode.</summary>
public sealed class MediaRenditions : IDisposable
{
    public const int ThumbSide = 320;
    public const int ViewSide = 1600;
    public const int TileSize = 512;
    public const int Quality = 82;

    /// <summary>Part of every cache name and ETag: change it when renderings change, so browsers holding an
    /// "immutable" copy ask for the new one.</summary>
    public const string Version = "r1";

    // Decodes in flight at once: a full-resolution level of a 50 MP PNG holds ~150 MB of pixels.
    private const int MaxDecodes = 2;

    private static readonly ImageEncodingParam[] JpegParameters = [new(ImwriteFlags.JpegQuality, Quality)];

    private readonly MediaStore _store;
    private readonly string _root;

    // One entry per rendition being made; removed when done, so the map never holds more than the requests
    // in progress, and a failed rendition is tried again by the next request.
    private readonly ConcurrentDictionary<string, Lazy<Task>> _inFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _decodes = new(MaxDecodes);
    private int _decodeCount;

    public MediaRenditions(MediaStore store, IOptions<MediaOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _store = store;
        _root = Path.Combine(Path.GetFullPath(options.Value.Root, environment.ContentRootPath), "renditions");
    }

    /// <summary>Pictures decoded since start (for tests: a cached or shared rendition decodes nothing more).</summary>
    internal int DecodeCount => Volatile.Read(ref _decodeCount);

    public static int LongSide(Rendition rendition) => rendition == Rendition.Thumb ? ThumbSide : ViewSide;

    /// <summary>The rendition's name in cache paths and ETags, e.g. <c>thumb-320</c>.</summary>
    public static string Name(Rendition rendition) =>
        rendition == Rendition.Thumb ? $"thumb-{ThumbSide}" : $"view-{ViewSide}";

    /// <summary>Where the rendition of <paramref name="sha256"/> is (or will be) cached.</summary>
    public string PathOf(string sha256, Rendition rendition) => CachePath(sha256, $"{Name(rendition)}-{Version}.jpg");

    /// <summary>The cached JPEG of <paramref name="sha256"/> at <paramref name="rendition"/> size, made if missing.</summary>
    /// <exception cref="DeskProblemException">The stored file is missing (404) or not a picture that can be
    /// decoded safely (422: corrupt, truncated, a decompression bomb); nothing is cached then.</exception>
    public async Task<string> GetAsync(string sha256, Rendition rendition, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256, rendition);
        if (!File.Exists(path))
            await OnceAsync(path, () => RenderAsync(sha256, rendition, path), cancellationToken);
        return path;
    }

    /// <summary>The picture's zoom pyramid (its size as displayed, EXIF orientation applied).</summary>
    /// <exception cref="DeskProblemException">As for <see cref="GetAsync"/>.</exception>
    public async Task<TileLayout> LayoutAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = LayoutPath(sha256);
        if (!File.Exists(path))
        {
            // The thumbnail's decode is the cheapest that learns the displayed size; it writes the layout.
            var thumb = PathOf(sha256, Rendition.Thumb);
            await OnceAsync(thumb, () => RenderAsync(sha256, Rendition.Thumb, thumb, force: true), cancellationToken);
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<TileLayout>(stream, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException($"the tile layout cached at {path} is empty");
    }

    /// <summary>The cached tile (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="level"/>, made with
    /// every other tile of its level (one decode per level); null when the pyramid has no such tile.</summary>
    /// <exception cref="DeskProblemException">As for <see cref="GetAsync"/>.</exception>
    public async Task<string?> TileAsync(string sha256, int level, int x, int y, CancellationToken cancellationToken)
    {
        var layout = await LayoutAsync(sha256, cancellationToken);
        if (!layout.Contains(level, x, y))
            return null;
        var path = TilePath(sha256, level, x, y);
        if (!File.Exists(path))
            await OnceAsync(CachePath(sha256, $"tiles-{level}"), () => RenderLevelAsync(sha256, layout, level), cancellationToken);
        return path;
    }

    public void Dispose() => _decodes.Dispose();

    private async Task OnceAsync(string key, Func<Task> work, CancellationToken cancellationToken)
    {
        Lazy<Task>? mine = null;
        mine = new Lazy<Task>(() => Task.Run(async () =>
        {
            try
            {
                await work();
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, mine!));
            }
        }, CancellationToken.None));
        // The work is shared: one caller giving up must not cancel it for the others (nor waste it).
        await _inFlight.GetOrAdd(key, mine).Value.WaitAsync(cancellationToken);
    }

    private async Task RenderAsync(string sha256, Rendition rendition, string path, bool force = false)
    {
        if (!force && File.Exists(path))
            return; // made by a request that finished just before this one started
        var bytes = await ReadAsync(sha256);
        await _decodes.WaitAsync();
        try
        {
            var side = LongSide(rendition);
            using var image = Decode(bytes, side);
            WriteLayout(sha256, image.Width, image.Height);
            using var fitted = Fit(image.Bgr, side);
            WriteJpeg(path, fitted);
        }
        finally
        {
            _decodes.Release();
        }
    }

    private async Task RenderLevelAsync(string sha256, TileLayout layout, int level)
    {
        var (width, height) = layout.LevelSize(level);
        var (columns, rows) = layout.Grid(level);
        if (File.Exists(TilePath(sha256, level, columns - 1, rows - 1)))
            return; // the last tile is written last: the level is complete
        var bytes = await ReadAsync(sha256);
        await _decodes.WaitAsync();
        try
        {
            using var image = Decode(bytes, Math.Max(width, height));
            // The last level of a 50 MP picture is 150 MB of pixels: cut tiles from the decode itself when it is
            // already the level's size, not from a copy.
            using var resized = image.Bgr.Width == width && image.Bgr.Height == height ? null : new Mat();
            if (resized is not null)
            {
                var shrink = image.Bgr.Width > width;
                Cv2.Resize(image.Bgr, resized, new Size(width, height), 0, 0, shrink ? InterpolationFlags.Area : InterpolationFlags.Linear);
            }
            var sized = resized ?? image.Bgr;
            for (var y = 0; y < rows; y++)
            {
                for (var x = 0; x < columns; x++)
                {
                    var rect = new Rect(x * TileSize, y * TileSize, Math.Min(TileSize, width - x * TileSize), Math.Min(TileSize, height - y * TileSize));
                    using var tile = new Mat(sized, rect);
                    WriteJpeg(TilePath(sha256, level, x, y), tile);
                }
            }
        }
        finally
        {
            _decodes.Release();
        }
    }

    private async Task<byte[]> ReadAsync(string sha256)
    {
        if (!_store.Exists(sha256))
            throw new DeskProblemException(StatusCodes.Status404NotFound, "Not found", "the stored file of this picture is missing");
        return await _store.ReadAllAsync(sha256, CancellationToken.None);
    }

    // The engine's loader: it refuses decompression bombs from the header, decodes JPEG at 1/2, 1/4 or 1/8 scale
    // when the target is that much smaller, and applies the EXIF orientation as the engine's view does.
    private DecodedImage Decode(byte[] bytes, int longSide)
    {
        Interlocked.Increment(ref _decodeCount);
        try
        {
            return ImageLoader.Load(bytes, LoadLimits.Default with { WorkingLongSide = Math.Max(1, longSide) });
        }
        catch (ImageLoadException e)
        {
            throw new DeskProblemException(StatusCodes.Status422UnprocessableEntity, "The picture cannot be shown",
                $"the stored picture cannot be shown: {e.Message}");
        }
    }

    private static Mat Fit(Mat image, int longSide)
    {
        var longest = Math.Max(image.Width, image.Height);
        var fitted = new Mat();
        if (longest <= longSide)
        {
            image.CopyTo(fitted);
            return fitted;
        }
        var scale = (double)longSide / longest;
        var size = new Size(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
        Cv2.Resize(image, fitted, size, 0, 0, InterpolationFlags.Area);
        return fitted;
    }

    private void WriteLayout(string sha256, int width, int height)
    {
        var path = LayoutPath(sha256);
        if (!File.Exists(path))
            WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(TileLayout.For(width, height, TileSize)));
    }

    private static void WriteJpeg(string path, Mat image)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, JpegParameters);
        WriteAtomically(path, bytes);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string LayoutPath(string sha256) => CachePath(sha256, $"tiles-{TileSize}-{Version}.json");

    private string TilePath(string sha256, int level, int x, int y) =>
        CachePath(sha256, Path.Combine($"tiles-{TileSize}-{Version}", level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{x}_{y}.jpg")));

    private string CachePath(string sha256, string name)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("not a lower-case SHA-256", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256, name);
    }
}
