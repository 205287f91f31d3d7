using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Pixels;

/// <summary>The JPEG compression facts of one file and the <c>recompressed</c> finding, if any.</summary>
/// <param name="Jpeg">The quantisation tables, or null when the file is not a JPEG.</param>
/// <param name="TableKind">Whether the luminance table is the standard IJG one.</param>
/// <param name="PrimaryQualityEstimate">The IJG quality of an earlier compression, when double quantisation
/// revealed one and it fits an IJG table; otherwise null.</param>
/// <param name="Finding">The <c>recompressed</c> finding, or null.</param>
public sealed record CompressionReport(JpegInfo? Jpeg, JpegTableKind TableKind, int? PrimaryQualityEstimate, Finding? Finding)
{
    /// <summary>The estimated IJG quality of the last compression, or null when not a JPEG.</summary>
    public int? Quality => Jpeg?.Quality;

    /// <summary>Nothing known: no bytes, or not a JPEG.</summary>
    public static CompressionReport None { get; } = new(null, JpegTableKind.None, null, null);
}
