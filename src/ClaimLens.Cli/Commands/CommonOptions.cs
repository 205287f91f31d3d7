using System.CommandLine;
using System.Globalization;

namespace ClaimLens.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string[]> References() => new("--ref")
    {
        Description = "A merchant reference photo (listing, packing photo, video frame); repeat for several",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<DirectoryInfo?> ReferenceDir() => new("--ref-dir")
    {
        Description = "A directory of reference photos",
    };

    public static Option<FileInfo?> Index() => new("--index")
    {
        Description = "A reuse index file (claimlens index add) to look the photo up in",
    };

    public static Option<DateTimeOffset?> DeliveredAt() => new("--delivered-at")
    {
        Description = "When the goods were delivered, ISO-8601 (e.g. 2026-11-20T10:00:00+08:00)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                return value;
            result.AddError($"--delivered-at: '{text}' is not an ISO-8601 date-time such as 2026-11-20T10:00:00+08:00");
            return null;
        },
    };

    public static Option<string> Language() => new Option<string>("--lang")
    {
        Description = "Language of the readable report: zh or en",
        DefaultValueFactory = _ => "zh",
    }.AcceptOnlyFromAmong("zh", "en");
}
