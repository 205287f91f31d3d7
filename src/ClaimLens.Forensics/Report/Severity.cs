namespace ClaimLens.Forensics.Report;

/// <summary>How much a finding weighs. Critical and high findings are strong evidence and can make a
/// photo <see cref="Verdict.LikelyManipulated"/>; warnings only ever raise <see cref="Verdict.NeedsReview"/>;
/// info findings never change the verdict.</summary>
public enum Severity
{
    /// <summary>Context for the reviewer; never changes the verdict.</summary>
    Info,
    /// <summary>A weak signal: at most "needs review".</summary>
    Warning,
    /// <summary>Strong evidence, but with known innocent explanations (a wrong camera clock, an editor's thumbnail).</summary>
    High,
    /// <summary>Strong evidence of manipulation or synthesis.</summary>
    Critical,
}
