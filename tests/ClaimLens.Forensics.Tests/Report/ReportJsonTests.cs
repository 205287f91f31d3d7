using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Report;

public sealed class ReportJsonTests
{
    private static EvidenceReport Sample() => new(
        new ImageInfo("claim.jpg", new string('a', 64), "jpeg", 4032, 3024, new CaptureInfo("Apple", "iPhone 13", "2026-11-20T18:03:11+08:00", "17.1")),
        Verdict.LikelyManipulated,
        93,
        [new Finding(FindingCodes.DerivedFromReference, Severity.Critical, 0.98, new LocalizedText("Derived.", "来自参考图。"),
            new JsonObject { ["reference"] = "listing-1.jpg", ["regions"] = new JsonArray(new JsonArray(1, 2, 3, 4)) })],
        new Dictionary<string, double> { ["decode"] = 21.44 });

    [Fact]
    public void Serialize_FollowsTheContract()
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(Sample()));
        var root = doc.RootElement;
        Assert.Equal(["schema", "image", "verdict", "risk", "findings", "timingsMs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("claimlens.report/1", root.GetProperty("schema").GetString());
        Assert.Equal("likely_manipulated", root.GetProperty("verdict").GetString());
        Assert.Equal("iPhone 13", root.GetProperty("image").GetProperty("capture").GetProperty("model").GetString());
        var finding = root.GetProperty("findings")[0];
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("来自参考图。", finding.GetProperty("summary").GetProperty("zh").GetString());
        Assert.Equal(3, finding.GetProperty("details").GetProperty("regions")[0][2].GetInt32());
        Assert.Equal(21.4, root.GetProperty("timingsMs").GetProperty("decode").GetDouble());
    }

    [Fact]
    public void Serialize_KeepsChineseReadable() =>
        Assert.Contains("来自参考图", ReportJson.Serialize(Sample()));
}
