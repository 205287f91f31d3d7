using ClaimLens.Forensics.Derivation;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>The vetoes on the measures of dev-set rows they were calibrated on (docs/decisions/0002, sessions 7 and 8).</summary>
public sealed class AgreementRuleTests
{
    [Theory]
    [InlineData(0.0467, 15.1, 0.607, true)]  // subtle re-photograph at quarter size: small, but certain
    [InlineData(0.0870, 21.5, 0.558, true)]  // subtle re-photograph, cropped
    [InlineData(0.0537, 4.9, 0.292, false)]  // cropped copy compared exactly: a stain's edge, not certain
    [InlineData(0.0370, 2.3, 0.768, false)]  // copy re-saved at q40
    [InlineData(0.0429, 4.9, 0.319, false)]  // copy at half size
    [InlineData(0.0435, 6.4, 0.363, false)]  // copy at quarter size: the largest significant field of a copy on three seeds
    [InlineData(0.0561, 4.4, 0.314, true)]   // subtle re-photograph, cropped (seed 11): under the 0.06 px of round 3
    [InlineData(0.20, 50, 0.25, false)]      // below the compression noise: a pixel-identical copy, whatever the field
    public void Structured_SeparatesLensAndViewpointFromResamplingNoise(double rms, double significance, double residualRatio, bool vetoed) =>
        Assert.Equal(vetoed, Agreement.Structured(rms, significance, residualRatio));

    [Theory]
    [InlineData(-0.001, 0.296, 1.081, false, true)] // strong re-photograph: none of the reference's noise, below the 0.3 floor
    [InlineData(0.018, 0.278, 2.21, false, true)]
    [InlineData(0.018, 0.158, 0.57, false, false)]  // half-size forgery: expectation too low to trust
    [InlineData(0.060, 0.262, 0.57, false, false)]  // half-size forgery at 0.23 of the expectation
    [InlineData(0.077, 0.260, 0.24, false, false)]  // turned forgery below the compression noise
    [InlineData(0.234, 0.541, 0.43, false, true)]   // the classic veto: under 0.65 of a confident expectation
    [InlineData(0.234, 0.541, 0.43, true, false)]   // ... unless the residual field is flat as only a copy's is
    public void Independent_VetoesOnlyClaimsWithoutTheReferencesNoise(double correlation, double expected, double residualRatio, bool fieldFlat, bool vetoed) =>
        Assert.Equal(vetoed, Agreement.Independent(correlation, expected, residualRatio, fieldFlat));
}
