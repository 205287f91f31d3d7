using System.Text.Json;

namespace ClaimLens.Web.Pages.Merchant.Claims;

/// <summary>One claim photo's findings as the page lists them, read from its <c>claimlens.report/1</c> JSON: strongest
/// first (severity, then confidence), each summary in the page's language.</summary>
public sealed record PhotoFindings(IReadOnlyList<PhotoFindings.Item> Items)
{
    public static PhotoFindings Read(string? reportJson, string lang)
    {
        if (reportJson is null)
            return new PhotoFindings([]);
        using var report = JsonDocument.Parse(reportJson);
        if (!report.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            return new PhotoFindings([]);
        var items = new List<Item>();
        foreach (var f in findings.EnumerateArray())
        {
            var severity = f.TryGetProperty("severity", out var s) ? s.GetString() ?? "info" : "info";
            var confidence = f.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0;
            var summary = f.TryGetProperty("summary", out var t) && t.ValueKind == JsonValueKind.Object
                ? (t.TryGetProperty(lang, out var text) ? text.GetString() : t.TryGetProperty("en", out var en) ? en.GetString() : null) : null;
            items.Add(new Item(f.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "", severity, confidence, summary ?? ""));
        }
        return new PhotoFindings(items.OrderByDescending(i => Rank(i.Severity)).ThenByDescending(i => i.Confidence).ToList());
    }

    private static int Rank(string severity) => severity switch
    {
        "critical" => 3,
        "high" => 2,
        "warning" => 1,
        _ => 0,
    };

    public sealed record Item(string Code, string Severity, double Confidence, string Summary);
}
