using ClaimLens.Forensics.Report;
using ClaimLens.Forensics.Reuse;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class ReuseFindingsTests
{
    private static string Describe(long key) => $"claim-{key}/photo.jpg";

    [Fact]
    public void Create_NoMatches_ReturnsNull() =>
        Assert.Null(ReuseFindings.Create([], Describe));

    [Fact]
    public void Create_Matches_HighSeverityFindingNamingTheNearestSource()
    {
        var finding = ReuseFindings.Create(
            [new ReuseMatch(7, 6, ReuseMatch.SimilarityOf(6)), new ReuseMatch(3, 0, ReuseMatch.SimilarityOf(0))], Describe);

        Assert.NotNull(finding);
        Assert.Equal(FindingCodes.ReusedEvidence, finding.Code);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(0.99, finding.Confidence, 6);
        Assert.StartsWith("This photo (or a near copy) was already submitted as evidence: claim-3/photo.jpg", finding.Summary.En, StringComparison.Ordinal);
        Assert.Contains("claim-3/photo.jpg", finding.Summary.Zh, StringComparison.Ordinal);
        Assert.Contains("已作为证据提交", finding.Summary.Zh, StringComparison.Ordinal);

        var matches = finding.Details["matches"]!.AsArray();
        Assert.Equal(2, matches.Count);
        Assert.Equal("claim-3/photo.jpg", (string?)matches[0]!["source"]);
        Assert.Equal(0, (int)matches[0]!["distance"]!);
        Assert.Equal(1.0, (double)matches[0]!["similarity"]!);
        Assert.Equal(6, (int)matches[1]!["distance"]!);
    }

    [Fact]
    public void Create_FartherMatch_LowerConfidenceButStillStrong()
    {
        var near = ReuseFindings.Create([new ReuseMatch(1, 2, ReuseMatch.SimilarityOf(2))], Describe)!;
        var far = ReuseFindings.Create([new ReuseMatch(1, ReuseIndex.DefaultMaxDistance, ReuseMatch.SimilarityOf(ReuseIndex.DefaultMaxDistance))], Describe)!;
        Assert.True(far.Confidence < near.Confidence);
        Assert.True(far.Confidence >= RiskModel.StrongConfidence);
    }
}
