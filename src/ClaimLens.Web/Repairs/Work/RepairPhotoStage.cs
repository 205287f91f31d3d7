namespace ClaimLens.Web.Repairs.Work;

/// <summary>When a repair photo was taken: sent with the request, or by the technician before and after the work.</summary>
public enum RepairPhotoStage
{
    Intake,
    Before,
    After,
}
