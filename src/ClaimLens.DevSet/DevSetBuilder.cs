using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Writes a development set with ground truth: references, claims, change masks and manifest.csv.</summary>
public static partial class DevSetBuilder
{
    private const string RefsFolder = "refs";

    /// <summary>Builds the set from real photos (and optional C2PA samples) into <paramref name="outDir"/>.</summary>
    /// <param name="photosDir">Folder of camera photos (jpg, jpeg, png); no two of them may be derived from each other.</param>
    /// <param name="c2paDir">Folder of C2PA samples to copy in with their expected findings, or null.</param>
    /// <param name="outDir">Output folder; created when missing, files of the same name overwritten.</param>
    /// <param name="options">Seed and composition.</param>
    /// <returns>The number of manifest rows.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="photosDir"/> does not exist.</exception>
    public static int Build(string photosDir, string? c2paDir, string outDir, DevSetOptions options)
    {
        ArgumentNullException.ThrowIfNull(photosDir);
        ArgumentNullException.ThrowIfNull(outDir);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(photosDir)) throw new DirectoryNotFoundException($"No photos folder at {photosDir}.");
        ArgumentOutOfRangeException.ThrowIfNegative(options.ForgeriesPerPhoto);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GenuinePerPhoto);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLongSide, 64);

        foreach (var folder in new[] { RefsFolder, "claims", "masks" }) Directory.CreateDirectory(Path.Combine(outDir, folder));
        var photos = Directory.GetFiles(photosDir)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var refNames = UniqueNames(photos);

        var loaded = new bool[photos.Length];
        Parallel.For(0, photos.Length, i => loaded[i] = WriteReference(photos[i], Path.Combine(outDir, refNames[i]), options.MaxLongSide));
        var refFiles = refNames.Where((_, i) => loaded[i]).ToArray();
        var sources = photos.Where((_, i) => loaded[i]).ToArray();

        var perPhoto = new List<ManifestRow>[refFiles.Length];
        Parallel.For(0, refFiles.Length, i => perPhoto[i] = new PhotoRows(outDir, refFiles, i, options, sources[i]).Make());
        var rows = perPhoto.SelectMany(r => r).ToList();
        if (c2paDir is not null && Directory.Exists(c2paDir)) rows.AddRange(C2paRows(c2paDir, outDir));

        var manifest = new StringBuilder().Append(ManifestRow.Header).Append('\n');
        foreach (var row in rows) manifest.Append(row.ToCsv()).Append('\n');
        File.WriteAllText(Path.Combine(outDir, "manifest.csv"), manifest.ToString(), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(outDir, "README.md"), DevSetReadme.Write(rows, refFiles.Length, options), new UTF8Encoding(false));
        return rows.Count;
    }

    /// <summary>The listing photo as the merchant published it: downscaled when big, saved once at quality 95.
    /// Every derived claim starts from this file, so the reference the detector sees is the true source.</summary>
    private static bool WriteReference(string photo, string target, int maxLongSide)
    {
        using var master = Master(photo, maxLongSide);
        if (master is null) return false;
        File.WriteAllBytes(target, Pixels.EncodeJpeg(master, 95));
        return true;
    }

    /// <summary>The merchant's original as the set uses it (downscaled to <paramref name="maxLongSide"/> when bigger),
    /// before any saving; null when unreadable. The reference is this saved at q95; a platform's re-encode of it is
    /// where "sibling" forgeries start.</summary>
    public static Mat? Master(string photo, int maxLongSide)
    {
        var image = Cv2.ImRead(photo, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            return null;
        }
        var longSide = Math.Max(image.Width, image.Height);
        if (longSide <= maxLongSide) return image;
        var scale = (double)maxLongSide / longSide;
        var small = new Mat();
        Cv2.Resize(image, small, new Size(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale))), 0, 0, InterpolationFlags.Area);
        image.Dispose();
        return small;
    }

    private static IEnumerable<ManifestRow> C2paRows(string c2paDir, string outDir)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "c2pa"));
        foreach (var file in Directory.GetFiles(c2paDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var relative = $"c2pa/{name}";
            File.Copy(file, Path.Combine(outDir, relative), overwrite: true);
            yield return new ManifestRow(relative, [], IsTampered(name) ? "forged" : "genuine", "", "c2pa", ExpectedC2pa(name));
        }
    }

    // c2pa-rs names its broken fixtures by prefix: "E-" a signature that fails, "X" pixels changed after signing.
    private static bool IsTampered(string fileName) =>
        fileName.StartsWith("E-", StringComparison.Ordinal) || fileName.StartsWith('X');

    /// <summary>Finding codes the C2PA reader should raise for each c2pa-rs test fixture.</summary>
    internal static string ExpectedC2pa(string fileName)
    {
        if (IsTampered(fileName)) return "c2pa_manifest;c2pa_signature_invalid";
        if (fileName.StartsWith("no_manifest", StringComparison.OrdinalIgnoreCase)) return "";
        if (fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) return "";
        return "c2pa_manifest";
    }

    private static string[] UniqueNames(string[] photos)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new string[photos.Length];
        for (var i = 0; i < photos.Length; i++)
        {
            var stem = Unsafe().Replace(Path.GetFileNameWithoutExtension(photos[i]), "_").Trim('_');
            if (stem.Length == 0) stem = "photo";
            var candidate = stem;
            for (var n = 2; !used.Add(candidate); n++) candidate = string.Create(CultureInfo.InvariantCulture, $"{stem}_{n}");
            names[i] = $"{RefsFolder}/{candidate}.jpg";
        }
        return names;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex Unsafe();
}
