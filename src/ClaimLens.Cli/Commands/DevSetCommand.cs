using System.CommandLine;
using System.Diagnostics;
using ClaimLens.DevSet;

namespace ClaimLens.Cli.Commands;

/// <summary><c>claimlens devset</c>: builds the labelled development set that <c>claimlens eval</c> measures.</summary>
internal static class DevSetCommand
{
    public static Command Create()
    {
        var photos = new Option<DirectoryInfo>("--photos") { Description = "Genuine camera photos to forge from", Required = true };
        var c2pa = new Option<DirectoryInfo?>("--c2pa") { Description = "C2PA test files to include (kind c2pa, with expected findings)" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where to write images, masks and manifest.csv", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same set", DefaultValueFactory = _ => 7 };
        var forgeries = new Option<int>("--forgeries-per-photo") { DefaultValueFactory = _ => 12, Description = "Forged rows per photo" };
        var genuine = new Option<int>("--genuine-per-photo") { DefaultValueFactory = _ => 6, Description = "Genuine rows per photo" };
        var command = new Command("devset", "Build a development set (forged pairs with masks, genuine and re-photographed pairs) and its manifest")
        {
            photos, c2pa, outDir, seed, forgeries, genuine,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            var photoDir = parse.GetValue(photos)!;
            if (!photoDir.Exists)
                throw new InputException(photoDir.FullName, "no such directory");
            var clock = Stopwatch.StartNew();
            var rows = DevSetBuilder.Build(photoDir.FullName, parse.GetValue(c2pa)?.FullName, parse.GetValue(outDir)!.FullName,
                new DevSetOptions(parse.GetValue(seed), parse.GetValue(forgeries), parse.GetValue(genuine)));
            Console.WriteLine($"{rows} rows written to {Path.Combine(parse.GetValue(outDir)!.FullName, "manifest.csv")} in {clock.Elapsed.TotalSeconds:0.0} s");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
