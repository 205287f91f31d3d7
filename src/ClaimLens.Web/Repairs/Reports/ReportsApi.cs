using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimLens.Web.Repairs.Reports;

/// <summary>The tenant's repair report: response within target, first-time fix, re-repair and satisfaction, per region,
/// technician, brand, week or month.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapRepairReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapGet("/reports", Get).WithName("GetRepairReport")
            .WithSummary("Figures over a period (from/to local dates, default the last 12 weeks) grouped by province, city, county, technician, brand, week (default) or month.");
        return group;
    }

    public static async Task<Results<Ok<RepairReportDto>, ValidationProblem>> Get(
        string? from, string? to, string? groupBy, HttpContext http, ClaimLensDbContext db, RegionIndex regions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var zone = await FollowUpsApi.ZoneAsync(db, merchant, cancellationToken);
        var v = new Validation();
        var period = ReportPeriod.Parse(from, to, groupBy, ReportGrouping.Week, time.GetUtcNow(), zone, v);
        if (period is null)
            return TypedResults.ValidationProblem(v.ToDictionary());
        return TypedResults.Ok(await RepairReports.BuildAsync(db, regions, merchant, period, cancellationToken));
    }
}
