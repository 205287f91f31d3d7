using System.Text.Json.Nodes;
using OpenCvSharp;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>One claim photo as a bundle shows it: the stored row, the stored file's length and its parsed report.</summary>
internal sealed record BundlePhoto(int Number, EvidencePhoto Photo, long? Length, JsonNode? Report)
{
    private const int MaxRegions = 50;

    /// <summary>Every region a finding boxed, in full-image pixels of the photo (the report's <c>details.regions</c>).</summary>
    public IReadOnlyList<Rect> Regions() =>
        Findings().Select(f => f["details"]?["regions"]).OfType<JsonArray>().SelectMany(a => a).OfType<JsonArray>()
            .Where(r => r.Count == 4).Take(MaxRegions)
            .Select(r => new Rect(Int(r[0]), Int(r[1]), Int(r[2]), Int(r[3])))
            .Where(r => r.Width > 0 && r.Height > 0).ToList();

    public IEnumerable<JsonNode> Findings() => (Report?["findings"] as JsonArray ?? []).OfType<JsonNode>();

    /// <summary>A string from the report's <c>image</c> object, e.g. <c>format</c> or <c>capture.make</c>.</summary>
    public string? Image(string key, string? inner = null)
    {
        var node = Report?["image"]?[key];
        if (inner is not null)
            node = node?[inner];
        return node is JsonValue v ? v.ToString() : null;
    }

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? (int)Math.Clamp(d, 0, 1_000_000) : 0;
}
