using ClaimLens.Forensics.Report;
using Spectre.Console;

namespace ClaimLens.Cli.Rendering;

/// <summary>The readable form of a report, in Chinese or English.</summary>
internal static class ReportText
{
    public static void Write(IAnsiConsole console, EvidenceReport report, string language)
    {
        var zh = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var image = report.Image;
        var name = image.Path is null ? "(image)" : Path.GetFileName(image.Path);
        console.MarkupLineInterpolated($"[bold]{name}[/]  {image.Format}, {image.Width} x {image.Height}, sha256 {image.Sha256[..16]}…");

        var capture = image.Capture;
        var device = string.Join(' ', new[] { capture.Make, capture.Model }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var captureLine = string.Join(zh ? "，" : ", ", new[]
        {
            device.Length > 0 ? device : null,
            capture.TakenAt is null ? null : (zh ? "拍摄于 " : "taken ") + capture.TakenAt,
            capture.Software is null ? null : (zh ? "软件 " : "software ") + capture.Software,
        }.Where(s => s is not null));
        console.MarkupLineInterpolated($"{(zh ? "拍摄信息" : "Capture")}: {(captureLine.Length > 0 ? captureLine : zh ? "无" : "none recorded")}");

        var (verdictText, colour) = report.Verdict switch
        {
            Verdict.LikelyManipulated => (zh ? "疑似伪造或篡改" : "LIKELY MANIPULATED", "red"),
            Verdict.NeedsReview => (zh ? "需要人工复核" : "NEEDS REVIEW", "yellow"),
            _ => (zh ? "未发现篡改" : "NO MANIPULATION FOUND", "green"),
        };
        console.MarkupLine($"{(zh ? "结论" : "Verdict")}: [bold {colour}]{Markup.Escape(verdictText)}[/]   {(zh ? "风险" : "risk")} {report.Risk}/100");
        if (report.Verdict == Verdict.NoManipulationFound)
            console.MarkupLine(zh ? "[grey]（未发现篡改不等于证明照片真实。）[/]" : "[grey](No manipulation found is not proof that the photo is authentic.)[/]");
        console.WriteLine();

        if (report.Findings.Count == 0)
            console.MarkupLine(zh ? "没有发现。" : "No findings.");
        foreach (var finding in report.Findings)
        {
            var (label, style) = SeverityLabel(finding.Severity, zh);
            console.MarkupLine($"[{style}]{Markup.Escape(label)}[/] [bold]{Markup.Escape(finding.Code)}[/] ({(zh ? "置信度" : "confidence")} {finding.Confidence:0.00})");
            // A padded paragraph wraps inside its indent, also for double-width Chinese text.
            console.Write(new Padder(new Text(finding.Summary.In(language)), new Padding(4, 0, 0, 0)));
        }
        console.WriteLine();

        var total = report.TimingsMs.Values.Sum();
        var stages = string.Join(", ", report.TimingsMs.Select(t => $"{t.Key} {t.Value:0.#}"));
        console.MarkupLineInterpolated($"[grey]{(zh ? "耗时" : "Timings")} (ms): {stages}; {(zh ? "合计" : "total")} {total:0.#}[/]");
    }

    private static (string Label, string Style) SeverityLabel(Severity severity, bool zh) => severity switch
    {
        Severity.Critical => (zh ? "[严重]" : "[CRITICAL]", "bold red"),
        Severity.High => (zh ? "[高]" : "[HIGH]", "red"),
        Severity.Warning => (zh ? "[警告]" : "[WARNING]", "yellow"),
        _ => (zh ? "[信息]" : "[INFO]", "grey"),
    };
}
