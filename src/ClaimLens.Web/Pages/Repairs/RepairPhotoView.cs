using ClaimLens.Web.Repairs.Work;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>A repair photo as the request and technician pages show it: the thumbnail, the verdict and the strongest finding.</summary>
public sealed record RepairPhotoView(Guid Id, RepairPhotoStage Stage, string FileName, int? Risk, string? Verdict, string? TopFinding, bool Analysed)
{
    public static RepairPhotoView From(RepairPhoto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new RepairPhotoView(p.Id, p.Stage, p.FileName, p.Risk, p.Verdict, IsEnglish ? p.TopFindingEn : p.TopFindingZh, p.AnalyzedAt is not null);
    }

    public string StageText => Stage switch
    {
        RepairPhotoStage.Intake => L("报修照片", "Customer's photo"),
        RepairPhotoStage.Before => L("维修前", "Before"),
        _ => L("维修后", "After"),
    };
}
