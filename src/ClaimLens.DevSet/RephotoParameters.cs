namespace ClaimLens.DevSet;

/// <summary>The random camera of one simulated photograph.</summary>
internal sealed record RephotoParameters(
    double Downsample,
    double CornerJitter,
    double LensK1,
    double BlurSigma,
    double MotionLength,
    double Gain,
    double[] WhiteBalance,
    double Gamma,
    double Vignette,
    double Gradient,
    double Highlight,
    double NoiseSigmaMid,
    double Sharpen,
    int JpegQuality)
{
    public static RephotoParameters Draw(Random rng, RephotoStrength strength)
    {
        // Index 0 Subtle, 1 Typical, 2 Strong.
        var s = (int)strength;
        double Pick((double Lo, double Hi)[] ranges) => rng.Uniform(ranges[s].Lo, ranges[s].Hi);
        double Signed((double Lo, double Hi)[] ranges) => Pick(ranges) * (rng.Chance(0.5) ? 1 : -1);

        var wbSpread = Pick([(0.01, 0.02), (0.02, 0.05), (0.04, 0.08)]);
        return new RephotoParameters(
            Downsample: Pick([(0.55, 0.65), (0.45, 0.55), (0.35, 0.45)]),
            CornerJitter: Pick([(0.003, 0.008), (0.01, 0.025), (0.025, 0.04)]),
            LensK1: Signed([(0.002, 0.008), (0.01, 0.03), (0.03, 0.06)]),
            BlurSigma: Pick([(0.5, 0.7), (0.6, 1.1), (0.9, 1.5)]),
            MotionLength: s > 0 && rng.Chance(0.3) ? rng.Uniform(2, 2 + (2 * s)) : 0,
            Gain: 1 + Signed([(0.01, 0.05), (0.04, 0.12), (0.1, 0.2)]),
            WhiteBalance: [1 + rng.Uniform(-wbSpread, wbSpread), 1.0, 1 + rng.Uniform(-wbSpread, wbSpread)],
            Gamma: 1 + Signed([(0.01, 0.03), (0.03, 0.08), (0.06, 0.12)]),
            Vignette: Pick([(0.02, 0.06), (0.05, 0.15), (0.1, 0.25)]),
            Gradient: Signed([(0.005, 0.02), (0.02, 0.05), (0.05, 0.1)]),
            Highlight: s > 0 && rng.Chance(0.2 * s) ? rng.Uniform(0.03, 0.1) : 0,
            NoiseSigmaMid: Pick([(1.5, 2.5), (2.0, 3.5), (2.5, 4.0)]),
            Sharpen: rng.Chance(0.6) ? rng.Uniform(0.2, 0.6) : 0,
            JpegQuality: rng.Next(s == 0 ? 88 : 80, 96));
    }
}
