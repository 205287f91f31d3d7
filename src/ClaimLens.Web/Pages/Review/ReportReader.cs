using System.Text.Json;
using ClaimLens.Web.Evidence;

namespace ClaimLens.Web.Pages.Review;

/// <summary>Reads the parts of a <c>claimlens.report/1</c> document the reviewer's page shows, in one pass over the
/// stored text (the page parses each report once and never builds a DOM of it).</summary>
public static class ReportReader
{
    private const int MaxFindings = 64;
    private const int MaxRegions = 32;

    /// <summary>The findings, strongest first (severity, then confidence), and the capture facts.</summary>
    public static (IReadOnlyList<ReviewFinding> Findings, CaptureFacts Capture) Read(string? reportJson, string lang)
    {
        if (string.IsNullOrEmpty(reportJson))
            return ([], CaptureFacts.Empty);
        try
        {
            using var doc = JsonDocument.Parse(reportJson);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ([], CaptureFacts.Empty);
            var findings = new List<ReviewFinding>();
            string? signer = null, generator = null, c2paAi = null, tc260 = null, iptc = null;
            if (root.TryGetProperty("findings", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object).Take(MaxFindings))
                {
                    var code = Str(f, "code") ?? "";
                    var details = f.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                    var summary = f.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object ? Str(s, lang) ?? Str(s, "en") : null;
                    findings.Add(new ReviewFinding(code, Str(f, "severity") ?? "info",
                        f.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetDouble(out var conf) ? conf : 0,
                        summary ?? "", Regions(details), EarlierClaims(code, details)));
                    switch (code)
                    {
                        case "c2pa_manifest":
                            (signer, generator) = ActiveManifest(details);
                            break;
                        case "c2pa_ai_generated":
                            c2paAi = First(details, "declarations", "digitalSourceType") ?? "yes";
                            break;
                        case "tc260_ai_label":
                            tc260 = Label(details);
                            break;
                        case "iptc_ai_source_type":
                            iptc = Str(details, "digitalSourceType");
                            break;
                    }
                }
            }
            var image = root.TryGetProperty("image", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
            var capture = image.ValueKind == JsonValueKind.Object && image.TryGetProperty("capture", out var cap) && cap.ValueKind == JsonValueKind.Object ? cap : default;
            var facts = new CaptureFacts(Str(capture, "make"), Str(capture, "model"), Str(capture, "takenAt"), Str(capture, "software"),
                Int(image, "width"), Int(image, "height"), signer, generator, c2paAi, tc260, iptc);
            return (findings.OrderByDescending(f => f.Rank).ThenByDescending(f => f.Confidence).ToList(), facts);
        }
        catch (JsonException)
        {
            // A report is written by the desk itself; a damaged one shows as "no findings", not as an error page.
            return ([], CaptureFacts.Empty);
        }
    }

    private static IReadOnlyList<int[]> Regions(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty("regions", out var regions) || regions.ValueKind != JsonValueKind.Array)
            return [];
        var list = new List<int[]>();
        foreach (var r in regions.EnumerateArray().Take(MaxRegions))
        {
            if (r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == 4
                && r.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number && n.TryGetDouble(out _)))
                list.Add(r.EnumerateArray().Select(n => (int)Math.Round(n.GetDouble())).ToArray());
        }
        return list;
    }

    private static IReadOnlyList<Guid> EarlierClaims(string code, JsonElement details)
    {
        if (code != "reused_evidence" || details.ValueKind != JsonValueKind.Object
            || !details.TryGetProperty("matches", out var matches) || matches.ValueKind != JsonValueKind.Array)
            return [];
        return matches.EnumerateArray().Take(MaxRegions)
            .Select(m => DeskReuseIndex.ClaimOfSource(Str(m, "source")))
            .OfType<Guid>().Distinct().ToList();
    }

    private static (string? Signer, string? Generator) ActiveManifest(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            return (null, null);
        var active = Str(details, "activeManifest");
        JsonElement chosen = default;
        foreach (var m in manifests.EnumerateArray().Take(MaxFindings))
        {
            if (chosen.ValueKind == JsonValueKind.Undefined || Str(m, "label") == active)
                chosen = m;
        }
        return chosen.ValueKind == JsonValueKind.Object
            ? (Str(chosen, "signer") ?? Str(chosen, "signerOrganization"), Str(chosen, "claimGenerator"))
            : (null, null);
    }

    private static string? Label(JsonElement details)
    {
        var level = Int(details, "label");
        var producer = Str(details, "contentProducer");
        return level == 0 ? null : producer is null ? $"Label {level}" : $"Label {level} · {producer}";
    }

    private static string? First(JsonElement details, string array, string property) =>
        details.ValueKind == JsonValueKind.Object && details.TryGetProperty(array, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(e => Str(e, property)).FirstOrDefault(v => v is not null)
            : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
