using System.CommandLine;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Reuse;
using Spectre.Console;

namespace ClaimLens.Cli.Commands;

/// <summary><c>claimlens index add|stats</c>: the reuse index of earlier evidence.</summary>
internal static class IndexCommand
{
    public static Command Create() => new("index", "The reuse index: fingerprints of earlier evidence photos")
    {
        Add(),
        Stats(),
    };

    private static Command Add()
    {
        var index = new Argument<FileInfo>("INDEX") { Description = "The index file (created when missing)" };
        var images = new Argument<string[]>("IMAGE") { Description = "Photos or directories of photos to add", Arity = ArgumentArity.OneOrMore };
        var command = new Command("add", "Fingerprint photos and add them to the index, each under its path") { index, images };
        command.SetAction(parse => Cli.Run(() =>
        {
            var file = OpenIndex(parse.GetValue(index)!.FullName);
            var paths = parse.GetValue(images)!.SelectMany(p => Directory.Exists(p) ? InputFiles.ImagesIn(p) : [p]).ToList();
            var failures = new List<string>();
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"Fingerprinting {paths.Count} photos", maxValue: paths.Count);
                foreach (var path in paths)
                {
                    try
                    {
                        using var image = ImageLoader.Load(InputFiles.Read(path));
                        file.Add(Fingerprinter.Compute(image.Bgr), Path.GetFullPath(path));
                    }
                    catch (Exception ex) when (ex is ImageLoadException or InputException)
                    {
                        failures.Add($"{path}: {(ex is InputException ie ? ie.Reason : ex.Message)}");
                    }
                    task.Increment(1);
                }
            });
            file.Save();
            foreach (var failure in failures)
                Console.Error.WriteLine($"claimlens: {failure}");
            Console.WriteLine($"{paths.Count - failures.Count} added; the index holds {file.Stats.Count} fingerprints");
            return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }

    private static Command Stats()
    {
        var index = new Argument<FileInfo>("INDEX") { Description = "The index file" };
        var command = new Command("stats", "Show how many fingerprints the index holds and its size") { index };
        command.SetAction(parse => Cli.Run(() =>
        {
            var stats = OpenExistingIndex(parse.GetValue(index)!.FullName).Stats;
            Console.WriteLine($"fingerprints   {stats.Count}");
            Console.WriteLine($"sources        {stats.Sources}");
            Console.WriteLine($"file size      {stats.FileBytes:N0} bytes");
            Console.WriteLine($"memory         {stats.MemoryBytes:N0} bytes ({(stats.Count == 0 ? 0 : stats.MemoryBytes / (double)stats.Count):0.0} per fingerprint)");
            Console.WriteLine($"match distance ≤ {stats.MaxDistance} of {2 * PerceptualHash.Bits} bits");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Opens an index that must exist (for look-ups).</summary>
    internal static ReuseIndexFile OpenExistingIndex(string path) =>
        File.Exists(path) ? OpenIndex(path) : throw new InputException(path, "no such index file (create it with: claimlens index add INDEX IMAGE...)");

    internal static ReuseIndexFile OpenIndex(string path)
    {
        try
        {
            return ReuseIndexFile.OpenOrCreate(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, ex.Message);
        }
    }
}
