using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Dispatch through the real API on SQLite and PostgreSQL, with the fake clock moving offers and targets.</summary>
public sealed class DispatchTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Request_IsOfferedToTheNearestCoveringTechnician_AndAcceptingInTimeMeetsTheTarget(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var far = await tenant.CreateTechnicianAsync(RepairApi.Technician("远 Far", [RepairApi.Town], 39.99, 116.50));
        var near = await tenant.CreateTechnicianAsync(RepairApi.Technician("近 Near", [RepairApi.County], 39.915, 116.405));

        var request = await tenant.CreateRequestAsync(RepairApi.Request());
        Assert.Equal("assigned", request.GetProperty("status").GetString());
        Assert.Equal(near, request.OfferedTo());
        Assert.Equal(desk.Clock.GetUtcNow().AddMinutes(30), request.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.Equal("138****5678", request.GetProperty("phone").GetString());

        desk.Clock.Advance(TimeSpan.FromMinutes(3));
        var accepted = await tenant.AcceptAsync(request.GetProperty("id").GetGuid(), near);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("met", body.GetProperty("responseTarget").GetString());
        Assert.NotEqual(far, near);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task UnacceptedOffer_PassesToTheNext_AndTheFirstTechnicianAcceptingLateGets409AndChangesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var second = await tenant.CreateTechnicianAsync(RepairApi.Technician("二 Second", [RepairApi.Town], 39.95, 116.45));
        var first = await tenant.CreateTechnicianAsync(RepairApi.Technician("一 First", [RepairApi.Town], 39.914, 116.404));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        Assert.Equal(first, (await tenant.GetRequestAsync(id)).OfferedTo());

        // Four minutes: still the first's offer; the watcher changes nothing.
        desk.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal((0, 0), await RunWatcherAsync(desk));
        Assert.Equal(first, (await tenant.GetRequestAsync(id)).OfferedTo());

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), await RunWatcherAsync(desk));
        var passed = await tenant.GetRequestAsync(id);
        Assert.Equal("assigned", passed.GetProperty("status").GetString());
        Assert.Equal(second, passed.OfferedTo());

        var late = await tenant.AcceptAsync(id, first);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var after = await tenant.GetRequestAsync(id);
        Assert.Equal(second, after.OfferedTo());
        Assert.Equal("assigned", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("acceptedAt").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(id, second)).StatusCode);
        // Offered to nobody else: accepting again, or by the first, is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.AcceptAsync(id, first)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task OffShiftFullAndUnskilledTechnicians_AreSkipped_AndTheCityIsTheFallback(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("周末 Weekend", [RepairApi.Town], shifts: [new { day = "sun", start = "08:00", end = "20:00" }]));
        await tenant.CreateTechnicianAsync(RepairApi.Technician("保险柜 Safes", [RepairApi.Town], productType: "safe"));
        var full = await tenant.CreateTechnicianAsync(RepairApi.Technician("满 Full", [RepairApi.OtherTownSameCounty, RepairApi.Town], capacity: 1));
        var citywide = await tenant.CreateTechnicianAsync(RepairApi.Technician("全市 Citywide", [RepairApi.City]));

        var firstJob = await tenant.CreateRequestAsync(RepairApi.Request(town: RepairApi.OtherTownSameCounty, phone: "13900001111"));
        Assert.Equal(full, firstJob.OfferedTo());

        var request = await tenant.CreateRequestAsync(RepairApi.Request());
        Assert.Equal(citywide, request.OfferedTo());
        Assert.Contains("\"tier\":\"city\"", request.GetProperty("offer").GetProperty("ranking").GetString(), StringComparison.Ordinal);

        var coverage = await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/coverage/{RepairApi.Town}");
        Assert.Equal("town", coverage.GetProperty("level").GetString());
        Assert.Equal(3, coverage.GetProperty("technicians").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task UncoveredRequest_AppearsOnTheBoard_MissesTheTarget_AndTheDispatcherOverrides(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var beijing = await tenant.CreateTechnicianAsync(RepairApi.Technician("北京 Beijing", [RepairApi.Town]));
        var request = await tenant.CreateRequestAsync(RepairApi.Request(town: RepairApi.UncoveredTown, lat: null, lon: null));
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal("requested", request.GetProperty("status").GetString());

        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/board")).EnumerateArray());
        desk.Clock.Advance(TimeSpan.FromMinutes(21));
        var board = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/board");
        var item = Assert.Single(board.EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal(9, item.GetProperty("minutesLeft").GetDouble());
        Assert.Equal("pending", item.GetProperty("responseTarget").GetString());
        Assert.Empty((await desk.ClientFor(desk.MerchantB.Key).GetFromJsonAsync<JsonElement>("/api/v1/repairs/board")).EnumerateArray());

        desk.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal((0, 1), await RunWatcherAsync(desk));
        Assert.Equal("missed", (await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/board"))[0].GetProperty("responseTarget").GetString());

        var noReason = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/assignment", new { technicianId = beijing });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.ProblemAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        var overridden = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/assignment", new { technicianId = beijing, reason = "跨城支援 cover from Beijing" });
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var body = await overridden.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("assigned", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("offer").GetProperty("expiresAt").ValueKind);

        desk.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((0, 0), await RunWatcherAsync(desk));
        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(id, beijing)).StatusCode);
        var done = await tenant.GetRequestAsync(id);
        Assert.Equal("accepted", done.GetProperty("status").GetString());
        Assert.Equal("missed", done.GetProperty("responseTarget").GetString());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AcceptedJob_MovesThroughTheVisit_AndMovesOutOfOrderAreRefused(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("师傅 Tech", [RepairApi.Town], capacity: 1));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(id, tech)).StatusCode);

        Task<HttpResponseMessage> Move(string move) => tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/moves", new { technicianId = tech, move });
        Assert.Equal(HttpStatusCode.Conflict, (await Move("complete")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Move("teleport")).StatusCode);
        foreach (var (move, status) in new[] { ("depart", "on_the_way"), ("arrive", "on_site"), ("await_parts", "waiting_for_parts"), ("depart", "on_the_way"), ("arrive", "on_site"), ("complete", "completed") })
        {
            if (move == "complete")
                await tenant.AddProofOfWorkAsync(id);
            var moved = await Move(move);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(status, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
        Assert.Equal(1, await desk.WithDbAsync(db => db.Technicians.Where(t => t.Id == tech).Select(t => t.CompletedJobs).SingleAsync()));
        // Capacity 1 is free again once the job is done: the next request is offered to the same technician.
        Assert.Equal(tech, (await tenant.CreateRequestAsync(RepairApi.Request(phone: "13700002222"))).OfferedTo());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Decline_PassesTheJobOn_AWrongTechnicianGets409_AndCancelWithdrawsTheOffer(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var second = await tenant.CreateTechnicianAsync(RepairApi.Technician("二 Second", [RepairApi.Town], 39.95, 116.45));
        var first = await tenant.CreateTechnicianAsync(RepairApi.Technician("一 First", [RepairApi.Town], 39.914, 116.404));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();

        // Tried: the technician who was not offered the job declining it.
        var wrong = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/decline", new { technicianId = second });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Equal(first, (await tenant.GetRequestAsync(id)).OfferedTo());

        var declined = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/decline", new { technicianId = first, note = "不在附近" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal(second, (await tenant.GetRequestAsync(id)).OfferedTo());

        var cancelled = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/moves", new { move = "cancel", note = "客户取消" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await tenant.GetRequestAsync(id);
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("offer").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.AcceptAsync(id, second)).StatusCode);
        Assert.Equal(0, await desk.WithDbAsync(db => db.DispatchOffers.CountAsync(o => o.Status == OfferStatus.Open)));
    }

    private static async Task<(int, int)> RunWatcherAsync(DeskHost desk)
    {
        using var scope = desk.Services.CreateScope();
        var services = scope.ServiceProvider;
        return await OfferWatcher.RunAsync(services.GetRequiredService<ClaimLens.Web.Data.ClaimLensDbContext>(), services.GetRequiredService<DispatchIndex>(),
            services.GetRequiredService<IOptions<RepairsOptions>>().Value, desk.Clock, CancellationToken.None);
    }
}
