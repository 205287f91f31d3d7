namespace ClaimLens.Web.Repairs.Work;

/// <summary>The technician's side of a job: sign-ins, the parts catalogue, the work record and the photos.</summary>
public static class RepairWorkApi
{
    public static IEndpointRouteBuilder MapRepairWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapTechnicianLoginApi();
        app.MapTechnicianJobsApi();
        app.MapPartsApi();
        app.MapJobWorkApi();
        app.MapRepairPhotosApi();
        return app;
    }
}
