using ClaimLens.Web.Evidence;
using ClaimLens.Web.Pages.Review;

namespace ClaimLens.Web.Tests.Review;

/// <summary>What the reviewer's page reads from a stored report, including reports it must survive.</summary>
public sealed class ReportReaderTests
{
    private static readonly Guid Earlier = Guid.Parse("01a205d0-86fe-7154-a9e4-cfafedc5c595");

    private static readonly string Report = $$$"""
        {"schema":"claimlens.report/1","image":{"sha256":"ab","format":"jpeg","width":1200,"height":900,
          "capture":{"make":"Apple","model":"iPhone 13","takenAt":"2026-11-20T18:03:11+08:00","software":"17.1"}},
         "verdict":"likely_manipulated","risk":99,"findings":[
          {"code":"recompressed","severity":"info","confidence":0.2,"summary":{"en":"re-saved","zh":"再次保存"},"details":{}},
          {"code":"reused_evidence","severity":"high","confidence":0.99,"summary":{"en":"reused","zh":"重复"},
           "details":{"matches":[{"source":"claim {{{Earlier:D}}} (photo 01a205d0-86fe-7e9f-b365-7b6bf0805c4c)","distance":0},
                                 {"source":"listing.jpg","distance":3}]}},
          {"code":"derived_from_reference","severity":"critical","confidence":0.98,"summary":{"en":"derived","zh":"改出"},
           "details":{"reference":"listing:a.jpg","regions":[[98,4,427,802],[1,2,3],"x"]}},
          {"code":"c2pa_manifest","severity":"info","confidence":1,"summary":{"en":"c2pa"},
           "details":{"activeManifest":"m2","manifests":[{"label":"m1","signer":"Old"},{"label":"m2","signer":"Adobe","claimGenerator":"Photoshop"}]}},
          {"code":"tc260_ai_label","severity":"critical","confidence":0.97,"summary":{"en":"label"},"details":{"label":1,"contentProducer":"Doubao"}}
         ]}
        """;

    [Fact]
    public void Read_StoredReport_FindingsStrongestFirstWithRegionsLabelsAndEarlierClaim()
    {
        var (findings, capture) = ReportReader.Read(Report, "zh");

        Assert.Equal(["derived_from_reference", "tc260_ai_label", "reused_evidence", "c2pa_manifest", "recompressed"], findings.Select(f => f.Code));
        Assert.Equal("改出", findings[0].Summary);
        // Only the well-formed region is listed; the short one and the string were ignored.
        Assert.Equal([98, 4, 427, 802], Assert.Single(findings[0].Regions));
        Assert.Equal(Earlier, Assert.Single(findings.Single(f => f.Code == "reused_evidence").EarlierClaims));
        Assert.Equal("c2pa", findings.Single(f => f.Code == "c2pa_manifest").Summary); // no zh: falls back to English
        Assert.Equal(("Apple", "iPhone 13", 1200), (capture.Make, capture.Model, capture.Width));
        Assert.Equal(("Adobe", "Photoshop"), (capture.C2paSigner, capture.C2paGenerator));
        Assert.Equal("Label 1 · Doubao", capture.Tc260Label);
        Assert.Null(capture.IptcSourceType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"findings\":[{\"code\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"findings\":{\"code\":1},\"image\":[]}")]
    [InlineData("{\"findings\":[{\"code\":7,\"severity\":[],\"confidence\":\"x\",\"summary\":\"s\",\"details\":{\"regions\":{},\"matches\":3}}]}")]
    public void Read_DamagedOrWrongShapedReport_GivesWhatItCanWithoutThrowing(string? json)
    {
        var (findings, capture) = ReportReader.Read(json, "en");

        Assert.All(findings, f => Assert.Empty(f.Regions));
        Assert.Equal(0, capture.Width);
    }

    [Theory]
    [InlineData("claim 01a205d0-86fe-7154-a9e4-cfafedc5c595 (photo 01a205d0-86fe-7e9f-b365-7b6bf0805c4c)", true)]
    [InlineData("fingerprint 12", false)]
    [InlineData("claim not-a-guid-at-all-but-long-enough-text-here", false)]
    [InlineData("claim ", false)]
    [InlineData(null, false)]
    public void ClaimOfSource_DeskReuseSources_GivesTheEarlierClaimOnly(string? source, bool found)
    {
        Assert.Equal(found ? Earlier : null, DeskReuseIndex.ClaimOfSource(source));
    }
}
