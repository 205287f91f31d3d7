namespace ClaimLens.Web.Repairs.Work;

/// <summary>A repair photo and its analysis; pictures are served at <c>/media/repair-photos/{id}/{thumb|view}</c>.</summary>
public sealed record RepairPhotoDto(
    Guid Id, string Stage, string FileName, string UploadedBy, DateTimeOffset CreatedAt, int? Risk, string? Verdict,
    string? TopFindingZh, string? TopFindingEn, string? AnalysisError, DateTimeOffset? AnalyzedAt)
{
    public static RepairPhotoDto From(RepairPhoto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new RepairPhotoDto(p.Id, RepairPhotos.Name(p.Stage), p.FileName, p.UploadedBy, p.CreatedAt, p.Risk, p.Verdict,
            p.TopFindingZh, p.TopFindingEn, p.AnalysisError, p.AnalyzedAt);
    }
}
