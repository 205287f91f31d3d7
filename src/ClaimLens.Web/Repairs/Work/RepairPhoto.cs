namespace ClaimLens.Web.Repairs.Work;

/// <summary>A photo of a repair job, analysed by the forensics engine like a claim photo (a queued
/// <c>AnalyzeRepairPhoto</c> job): an "after" photo lifted from another job or from a claim is flagged.</summary>
public sealed class RepairPhoto
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public Guid MerchantId { get; set; }

    public RepairPhotoStage Stage { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>The name the uploader's device gave, for people; never a path.</summary>
    public required string FileName { get; set; }

    /// <summary>The actor who uploaded (<c>user:…</c>, <c>key:…</c> or <c>customer</c>).</summary>
    public required string UploadedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The engine's report (the report contract's JSON); null until analysed or when unreadable.</summary>
    public string? ReportJson { get; set; }

    public int? Risk { get; set; }

    public string? Verdict { get; set; }

    /// <summary>The strongest finding's summary in Chinese and English, kept so pages need not read the report.</summary>
    public string? TopFindingZh { get; set; }

    public string? TopFindingEn { get; set; }

    public string? AnalysisError { get; set; }

    public DateTimeOffset? AnalyzedAt { get; set; }
}
