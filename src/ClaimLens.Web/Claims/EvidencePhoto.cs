namespace ClaimLens.Web.Claims;

/// <summary>One photo of a claim and the engine's report on it.</summary>
public sealed class EvidencePhoto
{
    public Guid Id { get; set; }

    public Guid ClaimId { get; set; }

    /// <summary>1 for the photos filed with the claim, 2 and up for each round of added evidence.</summary>
    public int Round { get; set; } = 1;

    public int Ordinal { get; set; }

    public required string Sha256 { get; set; }

    public required string FileName { get; set; }

    public EvidenceSource Source { get; set; }

    /// <summary>The live-capture code drawn into the photo, when <see cref="Source"/> is captured live.</summary>
    public string? CaptureCode { get; set; }

    /// <summary>When the live photo was taken (the camera page's time, kept within the capture session's window).</summary>
    public DateTimeOffset? CapturedAt { get; set; }

    /// <summary>The <c>claimlens.report/1</c> JSON document, once analysed.</summary>
    public string? ReportJson { get; set; }

    public int? Risk { get; set; }

    public string? Verdict { get; set; }

    /// <summary>Why the photo could not be analysed (a corrupt file, say), in words for people.</summary>
    public string? AnalysisError { get; set; }

    public DateTimeOffset? AnalyzedAt { get; set; }

    /// <summary>The reference the photo was found derived from, when it was.</summary>
    public string? MatchedReferenceSha256 { get; set; }

    /// <summary>The photo at working resolution with changed or suspicious regions tinted (JPEG in the media store).</summary>
    public string? HeatmapSha256 { get; set; }

    /// <summary>White where the photo differs from its reference (PNG at the heat map's size, in the media store), when derived.</summary>
    public string? MaskSha256 { get; set; }

    /// <summary>The matched reference warped into the photo's frame (JPEG at the heat map's size, in the media store),
    /// when derived: what a reviewer blinks against the photo.</summary>
    public string? AlignedReferenceSha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
