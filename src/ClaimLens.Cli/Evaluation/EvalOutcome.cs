using ClaimLens.Forensics.Report;

namespace ClaimLens.Cli.Evaluation;

/// <summary>What the engine said about one manifest row.</summary>
/// <param name="Iou">Mask IoU against the ground truth, or null when there is no (non-empty) ground-truth mask.</param>
/// <param name="TruthFraction">Fraction of the image the ground-truth mask covers (0 without a mask).</param>
/// <param name="Error">Why the photo could not be analysed, or null.</param>
internal sealed record EvalOutcome(EvalRow Row, Verdict Verdict, int Risk, IReadOnlySet<string> Codes, double? Iou, double TruthFraction, double Milliseconds, string? Error)
{
    /// <summary>The best reference candidate's pixel measures, for failure analysis; null when none matched.</summary>
    public Forensics.Derivation.DerivationMatch? Match { get; init; }

    public bool Derived => Codes.Contains(FindingCodes.DerivedFromReference);

    public bool Detected => Verdict == Verdict.LikelyManipulated;

    public IEnumerable<string> MissingExpectations => Row.Expect.Where(code => !Codes.Contains(code));
}
