using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Metadata;

/// <summary>What the metadata says about a photo: its capture facts and the findings they raise.</summary>
/// <param name="Capture">Camera, capture time and software as a user reads them.</param>
/// <param name="Findings">AI labels, generator parameters, editors, capture-time and thumbnail findings.</param>
public sealed record MetadataReport(CaptureInfo Capture, IReadOnlyList<Finding> Findings);
