using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>The outcome of <see cref="DerivationInspector.Inspect"/>. Owns the change mask: dispose it.</summary>
public sealed class DerivationReport : IDisposable
{
    internal DerivationReport(Finding? finding, Mat? changeMask, DerivationMatch? match, double changedFraction, IReadOnlyDictionary<string, double> timingsMs)
    {
        Finding = finding;
        ChangeMask = changeMask;
        Match = match;
        ChangedFraction = changedFraction;
        TimingsMs = timingsMs;
    }

    /// <summary>A <c>derived_from_reference</c> finding (critical), or null when the claim is not derived from any reference.</summary>
    public Finding? Finding { get; }

    /// <summary>8UC1 at the claim's working resolution, 255 where the claim differs from the reference it was
    /// derived from; null when not derived.</summary>
    public Mat? ChangeMask { get; }

    /// <summary>The reference the claim was derived from, or null.</summary>
    public string? ReferenceName => Finding is null ? null : Match?.ReferenceName;

    /// <summary>Changed pixels divided by the claim area the reference covers; 0 when not derived.</summary>
    public double ChangedFraction { get; }

    /// <summary>The best geometric match and its pixel comparison, derived or not; null when no reference
    /// matched geometrically.</summary>
    public DerivationMatch? Match { get; }

    /// <summary>Milliseconds per stage: features, match, align, compare, mask.</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; }

    /// <inheritdoc />
    public void Dispose() => ChangeMask?.Dispose();
}
