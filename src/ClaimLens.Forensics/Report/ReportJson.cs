using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Report;

/// <summary>Writes an <see cref="EvidenceReport"/> as the <c>claimlens.report/1</c> JSON document, with
/// properties in the contract's order and Chinese text left readable (not \u-escaped).</summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions IndentedOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactOptions = IndentedOptions with { Indented = false };

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject ToJson(EvidenceReport report)
    {
        var image = report.Image;
        var findings = new JsonArray();
        foreach (var f in report.Findings)
        {
            findings.Add(new JsonObject
            {
                ["code"] = f.Code,
                ["severity"] = Name(f.Severity),
                ["confidence"] = Math.Round(f.Confidence, 3),
                ["summary"] = new JsonObject { ["en"] = f.Summary.En, ["zh"] = f.Summary.Zh },
                ["details"] = f.Details.DeepClone(),
            });
        }
        var timings = new JsonObject();
        foreach (var (stage, ms) in report.TimingsMs)
            timings[stage] = Math.Round(ms, 1);

        return new JsonObject
        {
            ["schema"] = report.Schema,
            ["image"] = new JsonObject
            {
                ["path"] = image.Path,
                ["sha256"] = image.Sha256,
                ["format"] = image.Format,
                ["width"] = image.Width,
                ["height"] = image.Height,
                ["capture"] = new JsonObject
                {
                    ["make"] = image.Capture.Make,
                    ["model"] = image.Capture.Model,
                    ["takenAt"] = image.Capture.TakenAt,
                    ["software"] = image.Capture.Software,
                },
            },
            ["verdict"] = Name(report.Verdict),
            ["risk"] = report.Risk,
            ["findings"] = findings,
            ["timingsMs"] = timings,
        };
    }

    /// <summary>The report as JSON text.</summary>
    public static string Serialize(EvidenceReport report, bool indented = true)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the report as UTF-8 JSON to <paramref name="output"/>.</summary>
    public static void Write(EvidenceReport report, Stream output, bool indented = true)
    {
        using var writer = new Utf8JsonWriter(output, indented ? IndentedOptions : CompactOptions);
        ToJson(report).WriteTo(writer);
    }

    /// <summary>The contract's name for a verdict.</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.LikelyManipulated => "likely_manipulated",
        Verdict.NeedsReview => "needs_review",
        _ => "no_manipulation_found",
    };

    /// <summary>The contract's name for a severity.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Warning => "warning",
        _ => "info",
    };
}
