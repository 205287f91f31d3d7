using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Five requests of merchant A whose report figures were worked out by hand (see <see cref="ReportTests"/>):
/// R1 lock fixed in one visit (survey 5); R2 lock that waited for parts (call 3); R3 safe fixed once (survey 4) that
/// came back under warranty as R5 (accepted, open); R4 lock in a town nobody covers, response target missed.</summary>
public static class ReportScenario
{
    public const string Lock = "德施曼";
    public const string SafeBrand = "迪堡";

    public static async Task<(Guid Fixer, Guid SafeMan)> SeedAsync(DeskHost desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var fixer = await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405, capacity: 10));
        var safeMan = await tenant.CreateTechnicianAsync(RepairApi.Technician("李 Safe", [RepairApi.Town], 39.915, 116.405, capacity: 10,
            brand: SafeBrand, productType: "safe"));

        // R4 first: nobody covers 南山区, so after 31 minutes the watcher marks the target missed.
        await tenant.CreateRequestAsync(RepairApi.Request(town: RepairApi.UncoveredTown, phone: "13900000004"));
        desk.Clock.Advance(TimeSpan.FromMinutes(31));
        await RunWatcherAsync(desk);

        var r1 = await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(serial: "LOCK-1")));
        var r2 = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(serial: "LOCK-2", phone: "13900000002"));
        var r2Id = r2.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(r2Id, r2.OfferedTo()!.Value)).StatusCode);
        foreach (var move in new[] { "depart", "arrive", "await_parts", "depart", "arrive", "complete" })
        {
            if (move == "complete")
                await tenant.AddProofOfWorkAsync(r2Id);
            var moved = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{r2Id}/moves", new { technicianId = fixer, move });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }
        var r3 = await tenant.CompleteAsync(await tenant.CreateRequestAsync(Safe()));
        desk.Clock.Advance(TimeSpan.FromHours(2));
        var r5 = await tenant.CreateRequestAsync(Safe());
        Assert.Equal(r3.GetProperty("id").GetGuid(), r5.GetProperty("warrantyOfRequestId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(r5.GetProperty("id").GetGuid(), safeMan)).StatusCode);

        var due = (await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-21")).EnumerateArray().ToList();
        JsonElement Of(JsonElement job) => due.Single(f => f.GetProperty("requestId").GetGuid() == job.GetProperty("id").GetGuid());
        using var anonymous = desk.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync(Of(r1).GetProperty("surveyPath").GetString(), new { satisfaction = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync(Of(r3).GetProperty("surveyPath").GetString(), new { satisfaction = 4 })).StatusCode);
        var call = await tenant.PostAsJsonAsync($"/api/v1/repairs/follow-ups/{Of(await tenant.GetRequestAsync(r2Id)).GetProperty("id").GetGuid()}",
            new { channel = "call", satisfaction = 3, comment = "等配件等了两天" });
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        return (fixer, safeMan);
    }

    public static object Safe() => new
    {
        brand = SafeBrand,
        productType = "safe",
        model = "FS-60",
        serialNumber = "SAFE-9",
        faultType = "keypad",
        fault = "密码键盘无反应 / keypad dead",
        address = new { townCode = RepairApi.Town, street = RepairApi.Street },
        name = RepairApi.CustomerName,
        phone = "13900000003",
        channel = "agent",
        latitude = 39.914,
        longitude = 116.404,
    };

    private static async Task RunWatcherAsync(DeskHost desk)
    {
        using var scope = desk.Services.CreateScope();
        var services = scope.ServiceProvider;
        await OfferWatcher.RunAsync(services.GetRequiredService<ClaimLens.Web.Data.ClaimLensDbContext>(), services.GetRequiredService<DispatchIndex>(),
            services.GetRequiredService<IOptions<RepairsOptions>>().Value, desk.Clock, CancellationToken.None);
    }
}
