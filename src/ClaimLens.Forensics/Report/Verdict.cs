namespace ClaimLens.Forensics.Report;

/// <summary>The overall judgement. The engine never claims a photo is authentic: the best verdict is
/// <see cref="NoManipulationFound"/>.</summary>
public enum Verdict
{
    /// <summary>No finding raised doubt.</summary>
    NoManipulationFound,
    /// <summary>Weak signals only: a human should look.</summary>
    NeedsReview,
    /// <summary>At least one strong finding.</summary>
    LikelyManipulated,
}
