using System.CommandLine;
using ClaimLens.Cli.Rendering;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using Spectre.Console;

namespace ClaimLens.Cli.Commands;

/// <summary><c>claimlens inspect IMAGE</c>: one photo, one report.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("IMAGE") { Description = "The evidence photo to inspect" };
        image.Validators.Add(result =>
        {
            // Without this an unknown option such as --bogus would be taken for the image's file name.
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (token.StartsWith('-') && !File.Exists(token))
                result.AddError($"Unrecognized option '{token}'.");
        });
        var refs = CommonOptions.References();
        var refDir = CommonOptions.ReferenceDir();
        var index = CommonOptions.Index();
        var deliveredAt = CommonOptions.DeliveredAt();
        var json = new Option<bool>("--json") { Description = "Print the claimlens.report/1 JSON document instead of the readable report" };
        var maskOut = new Option<FileInfo?>("--mask-out") { Description = "Write a PNG the size of IMAGE: white where it differs from the reference it was derived from" };
        var heatmapOut = new Option<FileInfo?>("--heatmap-out") { Description = "Write the image with changed or suspicious regions tinted, for a reviewer" };
        var lang = CommonOptions.Language();

        var command = new Command("inspect", "Inspect one evidence photo against merchant references, labels and the reuse index")
        {
            image, refs, refDir, index, deliveredAt, json, maskOut, heatmapOut, lang,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            var displayPath = parse.GetValue(image)!.ToString();
            var bytes = InputFiles.Read(displayPath);
            var reuse = parse.GetValue(index) is { } indexFile ? IndexCommand.OpenExistingIndex(indexFile.FullName) : null;
            var references = InputFiles.LoadReferences(parse.GetValue(refs) ?? [], parse.GetValue(refDir)?.FullName);
            try
            {
                var options = new AnalysisOptions
                {
                    Path = displayPath,
                    References = references,
                    DeliveredAt = parse.GetValue(deliveredAt),
                    Reuse = reuse,
                };
                using var result = Analyze(bytes, displayPath, options);
                if (parse.GetValue(maskOut) is { } mask)
                    File.WriteAllBytes(mask.FullName, result.RenderMaskPng());
                if (parse.GetValue(heatmapOut) is { } heat)
                    File.WriteAllBytes(heat.FullName, result.RenderHeatmapPng());
                if (parse.GetValue(json))
                {
                    using var stdout = Console.OpenStandardOutput();
                    ReportJson.Write(result.Report, stdout);
                    stdout.Write("\n"u8);
                }
                else
                {
                    ReportText.Write(AnsiConsole.Console, result.Report, parse.GetValue(lang)!);
                }
                return ExitCodes.Ok;
            }
            finally
            {
                references.ForEach(r => r.Dispose());
            }
        }));
        return command;
    }

    internal static AnalysisResult Analyze(byte[] bytes, string path, AnalysisOptions options)
    {
        try
        {
            return EvidenceAnalyzer.Analyze(bytes, options);
        }
        catch (ImageLoadException ex)
        {
            throw new InputException(path, ex.Message);
        }
    }
}
