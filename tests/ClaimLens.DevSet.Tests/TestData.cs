namespace ClaimLens.DevSet.Tests;

/// <summary>Finds the shared real-photo folder (../shared/data beside the repository). It is absent on some
/// machines: tests that use it return early and say so.</summary>
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

    /// <summary>The message tests write when they skip for lack of shared data.</summary>
    public const string MissingMessage = "skipped: ../shared/data is not present on this machine";

    /// <summary>All real camera photos, or an empty list.</summary>
    public static IReadOnlyList<string> Photos() =>
        Root.Value is null ? [] : Directory.GetFiles(Path.Combine(Root.Value, "photos")).Order(StringComparer.Ordinal).ToArray();
}
