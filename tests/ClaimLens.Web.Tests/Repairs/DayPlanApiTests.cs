using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Repairs.Planning;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The day plan through the API on SQLite and PostgreSQL: visits of Saturday 2026-11-21 in 东城区.</summary>
public sealed class DayPlanApiTests
{
    private static readonly DateOnly Saturday = new(2026, 11, 21);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task DayPlan_RoutesSkilledVisitsInsideTheirWindows_AndReportsEveryVisitLeftOut(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var north = await tenant.CreateTechnicianAsync(RepairApi.Technician("北 North", [RepairApi.County], 39.93, 116.41));
        var south = await tenant.CreateTechnicianAsync(RepairApi.Technician("南 South", [RepairApi.City], 39.89, 116.40));
        var merchant = desk.MerchantA.MerchantId;
        var visits = new[]
        {
            Visit(merchant, 39.925, 116.405, new TimeOnly(9, 0), new TimeOnly(10, 0)),
            Visit(merchant, 39.928, 116.412, new TimeOnly(13, 0), new TimeOnly(14, 0)),
            Visit(merchant, 39.895, 116.398, new TimeOnly(9, 0), new TimeOnly(12, 0)),
            Visit(merchant, 39.892, 116.401, new TimeOnly(10, 0), new TimeOnly(16, 0)),
            Visit(merchant, 39.90, 116.40, new TimeOnly(9, 0), new TimeOnly(17, 0), brand: "耶鲁"),   // nobody has this skill
            Visit(merchant, null, null, new TimeOnly(9, 0), new TimeOnly(17, 0)),                      // no position
            Visit(desk.MerchantB.MerchantId, 39.90, 116.40, new TimeOnly(9, 0), new TimeOnly(17, 0)), // another tenant's
        };
        await desk.WithDbAsync(db =>
        {
            db.MaintenanceVisits.AddRange(visits);
            return db.SaveChangesAsync();
        });

        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/day-plans", new { date = "2026-11-21", serviceArea = RepairApi.City, timeLimitSeconds = 1 });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(4, plan.GetProperty("served").GetInt32());
        Assert.True(plan.GetProperty("travelMinutes").GetDouble() <= plan.GetProperty("greedyTravelMinutes").GetDouble());
        var dropped = plan.GetProperty("dropped").EnumerateArray().ToDictionary(d => d.GetProperty("visitId").GetGuid(), d => d.GetProperty("reason").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [visits[4].Id] = "no_technician", [visits[5].Id] = "no_position" }, dropped);
        var byVisit = visits.ToDictionary(v => v.Id);
        foreach (var route in plan.GetProperty("routes").EnumerateArray())
        {
            Assert.Contains(route.GetProperty("technicianId").GetGuid(), new[] { north, south });
            foreach (var stop in route.GetProperty("stops").EnumerateArray())
            {
                var visit = byVisit[stop.GetProperty("visitId").GetGuid()];
                var start = stop.GetProperty("start").GetDateTimeOffset().ToOffset(Shanghai);
                Assert.Equal(Saturday, DateOnly.FromDateTime(start.DateTime));
                Assert.InRange(TimeOnly.FromDateTime(start.DateTime), visit.WindowStart, visit.WindowEnd);
                Assert.True(stop.GetProperty("arrival").GetDateTimeOffset() <= start);
            }
        }
        var stored = await desk.WithDbAsync(db => db.MaintenanceVisits.AsNoTracking().Where(v => v.MerchantId == merchant).ToListAsync());
        Assert.Equal(4, stored.Count(v => v.TechnicianId is not null && v.PlannedStart is not null));
        Assert.Null(stored.Single(v => v.Id == visits[4].Id).TechnicianId);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task DayPlan_WithEveryFieldWrong_NamesEachBadField(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Tried: no date, a county code as the service area, a time limit of zero.
        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/day-plans", new { serviceArea = RepairApi.County, timeLimitSeconds = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "date", "serviceArea", "timeLimitSeconds" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }

    private static MaintenanceVisit Visit(Guid merchant, double? lat, double? lon, TimeOnly from, TimeOnly to, string brand = "德施曼") => new()
    {
        Id = Guid.NewGuid(), MerchantId = merchant, Brand = brand, ProductType = "smart_lock", CityCode = RepairApi.City, TownCode = RepairApi.Town,
        Latitude = lat, Longitude = lon, Date = Saturday, WindowStart = from, WindowEnd = to, ServiceMinutes = 45, Status = VisitStatus.Planned,
        CreatedAt = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero),
    };
}
