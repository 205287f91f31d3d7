using System.CommandLine;
using ClaimLens.Cli.Rendering;
using ClaimLens.DevSet;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;
using Spectre.Console;

namespace ClaimLens.Cli.Commands;

/// <summary><c>claimlens demo</c>: makes a forged pair from a generated listing photo and inspects it, so the
/// engine can be seen working without any data.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where to write the demo files", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var lang = CommonOptions.Language();
        var command = new Command("demo", "Make a demo forged claim photo from a generated listing photo and inspect it") { outDir, lang };
        command.SetAction(parse => Cli.Run(() =>
        {
            var dir = parse.GetValue(outDir)!;
            dir.Create();
            string PathOf(string name) => Path.Combine(dir.FullName, name);
            var jpeg = new ImageEncodingParam(ImwriteFlags.JpegQuality, 92);

            // The merchant's listing photo, then the buyer's forgery: a crack painted onto it, and the phone's
            // resize to half and re-compression at quality 75.
            using var listing = ProductPhoto.Draw();
            listing.ImWrite(PathOf("listing.jpg"), jpeg);
            var (claim, claimTruth) = DemoForgery.Make(listing);
            using (claim)
            using (claimTruth)
            {
                claim.ImWrite(PathOf("claim.jpg"), new ImageEncodingParam(ImwriteFlags.JpegQuality, DemoForgery.JpegQuality));
                claimTruth.ImWrite(PathOf("claim-truth-mask.png"));
            }

            using var reference = ReferenceImage.Load(File.ReadAllBytes(PathOf("listing.jpg")), "listing.jpg");
            var options = new AnalysisOptions { Path = "claim.jpg", References = [reference] };
            using var result = EvidenceAnalyzer.Analyze(File.ReadAllBytes(PathOf("claim.jpg")), options);
            File.WriteAllBytes(PathOf("claim-mask.png"), result.RenderMaskPng());
            File.WriteAllBytes(PathOf("claim-heatmap.png"), result.RenderHeatmapPng());
            File.WriteAllText(PathOf("claim.report.json"), Forensics.Report.ReportJson.Serialize(result.Report));

            var zh = parse.GetValue(lang) == "zh";
            AnsiConsole.MarkupLineInterpolated($"[grey]{(zh ? "演示文件" : "Demo files")}: {dir.FullName} (listing.jpg, claim.jpg, claim-truth-mask.png → claim-mask.png, claim-heatmap.png, claim.report.json)[/]");
            AnsiConsole.MarkupLineInterpolated($"[grey]$ claimlens inspect claim.jpg --ref listing.jpg[/]");
            AnsiConsole.WriteLine();
            ReportText.Write(AnsiConsole.Console, result.Report, parse.GetValue(lang)!);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
