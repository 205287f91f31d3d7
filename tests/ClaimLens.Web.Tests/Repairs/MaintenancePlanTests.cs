using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Data;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Maintenance;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Maintenance plans and the visits made 30 days ahead, moved by the fake clock, on SQLite and PostgreSQL.</summary>
public sealed class MaintenancePlanTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Plan_MakesVisitsAhead_Idempotently_AndTheNextOneWhenItComesWithinReach(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Today is 2026-11-20 (Shanghai); every 6 months from 2026-12-01: visits on 12-01, then 2027-06-01.
        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/maintenance-plans", new
        {
            brand = "德施曼", productType = "smart_lock", model = "Q5M", serialNumber = AfterCareApi.Serial,
            address = new { townCode = RepairApi.Town, street = RepairApi.Street }, name = RepairApi.CustomerName, phone = RepairApi.Phone,
            latitude = 39.914, longitude = 116.404, intervalMonths = 6, startDate = "2026-12-01", windowStart = "09:00", windowEnd = "12:00",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["2026-12-01"], plan.GetProperty("visits").EnumerateArray().Select(v => v.GetString()));

        Assert.Equal(0, await RunAsync(desk));
        Assert.Equal(0, await RunAsync(desk));
        desk.Clock.Advance(TimeSpan.FromDays(160));   // 2027-04-29: 2027-06-01 is 33 days away
        Assert.Equal(0, await RunAsync(desk));
        desk.Clock.Advance(TimeSpan.FromDays(5));     // 2027-05-04: 28 days away
        Assert.Equal(1, await RunAsync(desk));
        Assert.Equal(0, await RunAsync(desk));
        var visits = await desk.WithDbAsync(db => db.MaintenanceVisits.AsNoTracking().OrderBy(v => v.Date).Select(v => v.Date).ToListAsync());
        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 6, 1)], visits);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Plan_WithEveryFieldWrong_NamesEachBadField_AndStoresNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Tried: no brand, an unknown town, a malformed phone, interval 0, no start date, a window ending first, 1,000-minute visits.
        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/maintenance-plans", new
        {
            productType = "smart_lock", address = new { townCode = "999999999", street = "x" }, name = "李四", phone = "12",
            intervalMonths = 0, windowStart = "12:00", windowEnd = "09:00", serviceMinutes = 1000,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "brand", "address.townCode", "phone", "intervalMonths", "startDate", "windowEnd", "serviceMinutes" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.Equal(0, await desk.WithDbAsync(db => db.MaintenancePlans.CountAsync()));
    }

    [Fact]
    public void Occurrences_KeepTheDayOfMonth_AndClampToShortMonths()
    {
        var plan = new MaintenancePlan
        {
            Brand = "b", ProductType = "p", CityCode = "", CountyCode = "", TownCode = "", StreetProtected = "", NameProtected = "", PhoneProtected = "",
            PhoneIndex = "", IntervalMonths = 1, StartDate = new DateOnly(2026, 1, 31),
        };
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)],
            MaintenanceScheduler.Occurrences(plan, new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30)));
    }

    private static async Task<int> RunAsync(DeskHost desk)
    {
        using var scope = desk.Services.CreateScope();
        var services = scope.ServiceProvider;
        return await MaintenanceScheduler.RunAsync(services.GetRequiredService<ClaimLensDbContext>(),
            services.GetRequiredService<IOptions<RepairsOptions>>().Value, desk.Clock, null, CancellationToken.None);
    }
}
