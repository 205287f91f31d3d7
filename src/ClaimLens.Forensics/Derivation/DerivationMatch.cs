namespace ClaimLens.Forensics.Derivation;

/// <summary>What the pixel comparison found for the reference that matched the claim geometrically. Kept
/// also when the claim is NOT derived (a new photograph of the same product aligns well but its pixels do
/// not agree), so a reviewer can be shown the facts.</summary>
/// <param name="ReferenceName">The reference's name.</param>
/// <param name="Inliers">Feature matches consistent with the homography.</param>
/// <param name="Mirrored">The claim is a mirror image of the reference.</param>
/// <param name="ComparedBlocks">Blocks of the claim fully covered by the reference.</param>
/// <param name="ExplainedFraction">Share of those blocks explained as a filtered copy of the reference at
/// compression-level residual.</param>
/// <param name="ResidualRatio">Median block residual divided by the noise the claim's compression explains
/// (about 1 or less for a copy, clearly more for a new photograph).</param>
/// <param name="LocalShift">Median sub-pixel shift still needed after alignment in textured blocks (analysis
/// pixels): about 0 for a copy, larger for a new photograph (lens distortion, viewpoint).</param>
/// <param name="Scale">Claim pixels per reference pixel (full resolution).</param>
/// <param name="RotationDegrees">Rotation of the reference in the claim.</param>
/// <param name="NoiseCorrelation">Median correlation of the fine noise residuals of claim and aligned
/// reference in low-texture blocks: clearly positive for a copy (it carries the reference's sensor noise), about
/// 0 for a new photograph; NaN when too little noise survives to tell.</param>
/// <param name="ExpectedNoiseCorrelation">The noise correlation a copy would show given the claim's
/// compression noise; NaN when the cue abstains.</param>
/// <param name="Derived">The pixels agree: the claim was made from this reference.</param>
public sealed record DerivationMatch(
    string ReferenceName,
    int Inliers,
    bool Mirrored,
    int ComparedBlocks,
    double ExplainedFraction,
    double ResidualRatio,
    double LocalShift,
    double Scale,
    double RotationDegrees,
    double NoiseCorrelation,
    double ExpectedNoiseCorrelation,
    bool Derived)
{
    /// <summary>RMS (analysis pixels) of the smooth residual displacement field beyond what a homography
    /// absorbs: about 0 for a copy, larger for a new photograph through another lens; NaN when too few blocks
    /// measured a shift.</summary>
    public double ShiftFieldRms { get; init; } = double.NaN;

    /// <summary>How far that field stands above block-to-block noise (an F statistic: about 1 for noise).</summary>
    public double ShiftFieldSignificance { get; init; } = double.NaN;

    /// <summary>The refined alignment: a row-major 3x3 homography mapping a pixel of the reference to the claim,
    /// both at full resolution as displayed (EXIF orientation applied; pixel centres at integer coordinates), a
    /// mirror included when <see cref="Mirrored"/>. Warping the reference with it puts the reference into the
    /// claim's frame, for a reviewer's blink or overlay. Nine values; empty when unknown.</summary>
    public IReadOnlyList<double> Homography { get; init; } = [];
}
