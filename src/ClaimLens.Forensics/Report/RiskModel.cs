namespace ClaimLens.Forensics.Report;

/// <summary>Turns findings into a verdict and a 0..100 risk. Strong findings (high, critical) decide
/// "likely manipulated"; weak ones (warnings) can only reach "needs review" and a capped risk; info
/// findings add nothing. Independent findings combine like probabilities: 1 - Π(1 - w·c).</summary>
public static class RiskModel
{
    /// <summary>Highest risk that weak findings alone can produce; keeps them below the strong band.</summary>
    public const int WeakRiskCap = 60;

    /// <summary>Confidence a strong finding needs before it decides the verdict.</summary>
    public const double StrongConfidence = 0.5;

    /// <summary>The verdict and risk for <paramref name="findings"/>.</summary>
    public static (Verdict Verdict, int Risk) Assess(IEnumerable<Finding> findings)
    {
        double strongClear = 1, weakClear = 1;
        var anyStrong = false;
        var anyWeak = false;
        foreach (var f in findings)
        {
            var c = Math.Clamp(f.Confidence, 0, 1);
            switch (f.Severity)
            {
                case Severity.Critical or Severity.High:
                    strongClear *= 1 - Weight(f.Severity) * c;
                    if (c >= StrongConfidence) anyStrong = true; else anyWeak = true;
                    break;
                case Severity.Warning:
                    weakClear *= 1 - Weight(f.Severity) * c;
                    anyWeak = true;
                    break;
            }
        }

        var weakRisk = Math.Min(WeakRiskCap, 100 * (1 - weakClear));
        if (anyStrong)
        {
            var risk = 100 * (1 - strongClear * weakClear);
            return (Verdict.LikelyManipulated, (int)Math.Round(Math.Max(risk, 70)));
        }
        if (anyWeak)
        {
            var risk = Math.Min(WeakRiskCap, 100 * (1 - strongClear * weakClear));
            return (Verdict.NeedsReview, (int)Math.Round(Math.Max(Math.Max(risk, weakRisk), 30)));
        }
        // Info findings only: a small non-zero risk keeps ranking stable without implying doubt.
        return (Verdict.NoManipulationFound, (int)Math.Round(Math.Min(29, 100 * (1 - strongClear))));
    }

    private static double Weight(Severity severity) => severity switch
    {
        Severity.Critical => 0.97,
        Severity.High => 0.85,
        Severity.Warning => 0.4,
        _ => 0,
    };
}
