using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Cli;

/// <summary>Reads inputs, turning every way a file can be unusable into an <see cref="InputException"/>.</summary>
internal static class InputFiles
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".heic", ".heif", ".avif"];

    public static byte[] Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new InputException(path, Directory.Exists(path) ? "is a directory, not an image file" : "no such file");
            if (info.Length > LoadLimits.Default.MaxFileBytes)
                throw new InputException(path, $"the file is {info.Length / (1024 * 1024)} MB; the limit is {LoadLimits.Default.MaxFileBytes / (1024 * 1024)} MB");
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, ex.Message);
        }
    }

    /// <summary>Image files directly in <paramref name="dir"/>, by extension, in name order.</summary>
    public static IReadOnlyList<string> ImagesIn(string dir)
    {
        if (!Directory.Exists(dir))
            throw new InputException(dir, "no such directory");
        return Directory.EnumerateFiles(dir)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public static ReferenceImage LoadReference(string path)
    {
        var bytes = Read(path);
        try
        {
            return ReferenceImage.Load(bytes, Path.GetFileName(path));
        }
        catch (ImageLoadException ex)
        {
            throw new InputException(path, ex.Message);
        }
    }

    /// <summary>All references named by --ref and --ref-dir; disposes what it loaded if one fails.</summary>
    public static List<ReferenceImage> LoadReferences(IEnumerable<string> files, string? dir)
    {
        var paths = files.ToList();
        if (dir is not null)
            paths.AddRange(ImagesIn(dir));
        var loaded = new List<ReferenceImage>(paths.Count);
        try
        {
            foreach (var path in paths)
                loaded.Add(LoadReference(path));
            return loaded;
        }
        catch
        {
            loaded.ForEach(r => r.Dispose());
            throw;
        }
    }
}
