using ClaimLens.Web.Claims;

namespace ClaimLens.Web.Pages.Review;

/// <summary>One claim photo on the reviewer's page: what was found, how it was made, and which renderings exist.</summary>
public sealed record ReviewPhoto(
    Guid Id, int Round, int Ordinal, string FileName, string Sha256, EvidenceSource Source, int? Risk, string? Verdict,
    string? AnalysisError, bool Analysed, bool HasReference, bool HasHeatmap, IReadOnlyList<ReviewFinding> Findings, CaptureFacts Capture,
    string? LiveCode = null, DateTimeOffset? LiveCapturedAt = null);
