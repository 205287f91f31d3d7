using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>The signed-in technician's jobs: offered to them now, in hand, and completed today (the tenant's day).
/// The phone page and <c>GET /api/v1/repairs/jobs</c> both read them here.</summary>
public static class TechnicianJobs
{
    private static readonly RepairStatus[] InHand =
        [RepairStatus.Accepted, RepairStatus.OnTheWay, RepairStatus.OnSite, RepairStatus.WaitingForParts];

    public static IEndpointRouteBuilder MapTechnicianJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/repairs/jobs", List).WithName("ListMyRepairJobs").WithTags("Repairs").RequireAuthorization(Policies.Technician)
            .WithSummary("The signed-in technician's jobs: offered (with the time to accept), in hand, and completed today.");
        return app;
    }

    public static async Task<Ok<List<TechnicianJobDto>>> List(HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var jobs = await ListAsync(db, Caller.From(http.User), time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(jobs.Select(j => new TechnicianJobDto(j.Request.Id, RepairStateMachine.Name(j.Request.Status), j.Request.Brand,
            j.Request.ProductType, j.Request.Fault, j.Request.CountyCode, j.Request.TownCode, j.OfferExpiresAt, j.Request.CompletedAt,
            j.Request.PreferredWindows.Select(w => new TimeWindowInput(w.From, w.To)).ToList())).ToList());
    }

    /// <summary>Oldest first; an assigned job is listed only while its offer to this technician is open.</summary>
    public static async Task<List<(ServiceRequest Request, DateTimeOffset? OfferExpiresAt)>> ListAsync(
        ClaimLensDbContext db, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        var merchant = caller.RequireMerchant();
        var me = JobAccess.TechnicianOf(caller);
        var zone = await FollowUpsApi.ZoneAsync(db, merchant, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var startOfDay = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        var rows = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.MerchantId == merchant && r.TechnicianId == me
                && (r.Status == RepairStatus.Assigned || InHand.Contains(r.Status) || (r.Status == RepairStatus.Completed && r.CompletedAt >= startOfDay)))
            .OrderBy(r => r.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var offers = await db.DispatchOffers.AsNoTracking().Where(o => ids.Contains(o.RequestId) && o.TechnicianId == me && o.Status == OfferStatus.Open)
            .Select(o => new { o.RequestId, o.ExpiresAt }).ToListAsync(cancellationToken);
        return rows.Where(r => r.Status != RepairStatus.Assigned || offers.Any(o => o.RequestId == r.Id))
            .Select(r => (r, offers.FirstOrDefault(o => o.RequestId == r.Id)?.ExpiresAt)).ToList();
    }
}
