namespace ClaimLens.Forensics.Tests;

/// <summary>Finds the shared real-photo and C2PA folders (../shared/data beside the repository).
/// They are absent on some machines: tests that use them return early and say so.</summary>
internal static class TestData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimLens.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }
        return null;
    });

    /// <summary>The shared data folder, or null when this machine has none.</summary>
    public static string? SharedData => Root.Value;

    /// <summary>The message tests write when they skip for lack of shared data.</summary>
    public const string MissingMessage = "skipped: ../shared/data is not present on this machine";

    /// <summary>Full path of a file under the shared data folder, or null when it is absent.</summary>
    public static string? Find(string relative)
    {
        if (SharedData is null) return null;
        var path = Path.Combine(SharedData, relative);
        return File.Exists(path) ? path : null;
    }

    /// <summary>All real camera photos, or an empty list.</summary>
    public static IReadOnlyList<string> Photos() =>
        SharedData is null ? [] : Directory.GetFiles(Path.Combine(SharedData, "photos")).Order(StringComparer.Ordinal).ToArray();
}
