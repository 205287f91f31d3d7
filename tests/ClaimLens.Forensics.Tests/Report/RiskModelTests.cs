using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Report;

public sealed class RiskModelTests
{
    private static Finding F(Severity severity, double confidence) => new("x", severity, confidence, new LocalizedText("x", "x"));

    [Fact]
    public void Assess_NoFindings_NoManipulationFoundAtZero() =>
        Assert.Equal((Verdict.NoManipulationFound, 0), RiskModel.Assess([]));

    [Fact]
    public void Assess_InfoOnly_NeverChangesVerdict()
    {
        var (verdict, risk) = RiskModel.Assess([F(Severity.Info, 1), F(Severity.Info, 1)]);
        Assert.Equal(Verdict.NoManipulationFound, verdict);
        Assert.Equal(0, risk);
    }

    [Fact]
    public void Assess_ManyWarnings_StayNeedsReviewUnderTheCap()
    {
        var (verdict, risk) = RiskModel.Assess(Enumerable.Repeat(F(Severity.Warning, 1), 10));
        Assert.Equal(Verdict.NeedsReview, verdict);
        Assert.InRange(risk, 30, RiskModel.WeakRiskCap);
    }

    [Fact]
    public void Assess_ConfidentCritical_LikelyManipulatedHighRisk()
    {
        var (verdict, risk) = RiskModel.Assess([F(Severity.Critical, 0.98)]);
        Assert.Equal(Verdict.LikelyManipulated, verdict);
        Assert.InRange(risk, 90, 100);
    }

    [Fact]
    public void Assess_UnsureStrongFinding_OnlyNeedsReview() =>
        Assert.Equal(Verdict.NeedsReview, RiskModel.Assess([F(Severity.High, 0.3)]).Verdict);

    [Fact]
    public void Assess_MoreEvidence_NeverLowersRisk()
    {
        var one = RiskModel.Assess([F(Severity.High, 0.8)]).Risk;
        var two = RiskModel.Assess([F(Severity.High, 0.8), F(Severity.Warning, 0.6)]).Risk;
        Assert.True(two >= one);
    }
}
