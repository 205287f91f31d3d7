using System.Collections.Concurrent;
using System.CommandLine;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Report;
using OpenCvSharp;
using Spectre.Console;

namespace ClaimLens.Cli.Commands;

/// <summary><c>claimlens inspect-dir DIR --out DIR</c>: every photo in a folder, on all cores, one JSON each.</summary>
internal static class InspectDirCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "A directory of evidence photos" };
        var refs = CommonOptions.References();
        var refDir = CommonOptions.ReferenceDir();
        var index = CommonOptions.Index();
        var deliveredAt = CommonOptions.DeliveredAt();
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where to write one <image>.json report per photo", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "Photos analysed at once (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("inspect-dir", "Inspect every photo in a directory on all cores, writing one JSON report per photo")
        {
            dir, refs, refDir, index, deliveredAt, outDir, jobs,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            var images = InputFiles.ImagesIn(parse.GetValue(dir)!.FullName);
            var output = parse.GetValue(outDir)!;
            output.Create();
            var parallelism = Math.Max(1, parse.GetValue(jobs));
            var reuse = parse.GetValue(index) is { } indexFile ? IndexCommand.OpenExistingIndex(indexFile.FullName) : null;
            var references = InputFiles.LoadReferences(parse.GetValue(refs) ?? [], parse.GetValue(refDir)?.FullName);
            // Parallelism comes from analysing several photos at once; OpenCV's own threads would only fight it.
            Cv2.SetNumThreads(1);
            var failures = new ConcurrentBag<string>();
            var verdicts = new ConcurrentDictionary<Verdict, int>();
            try
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"Inspecting {images.Count} photos", maxValue: images.Count);
                        Parallel.ForEach(images, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, path =>
                        {
                            try
                            {
                                var options = new AnalysisOptions
                                {
                                    Path = Path.GetFileName(path),
                                    References = references,
                                    DeliveredAt = parse.GetValue(deliveredAt),
                                    Reuse = reuse,
                                };
                                using var result = InspectCommand.Analyze(InputFiles.Read(path), path, options);
                                using var file = File.Create(Path.Combine(output.FullName, Path.GetFileName(path) + ".json"));
                                ReportJson.Write(result.Report, file);
                                verdicts.AddOrUpdate(result.Report.Verdict, 1, (_, n) => n + 1);
                            }
                            catch (InputException ex)
                            {
                                failures.Add($"{ex.File}: {ex.Reason}");
                            }
                            task.Increment(1);
                        });
                    });
            }
            finally
            {
                references.ForEach(r => r.Dispose());
            }

            foreach (var failure in failures.Order(StringComparer.Ordinal))
                Console.Error.WriteLine($"claimlens: {failure}");
            var counts = string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{ReportJson.Name(v.Key)} {v.Value}"));
            Console.WriteLine($"{images.Count - failures.Count} reports written to {output.FullName} ({counts}); {failures.Count} unreadable");
            return failures.IsEmpty ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }
}
