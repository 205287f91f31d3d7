using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>A request's communication log, with the system's own status changes, on SQLite and PostgreSQL.</summary>
public sealed class TimelineTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Timeline_ShowsCallsAndNotesAmongTheStatusChanges_InOrder_AndStoresTheTextEncrypted(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405));
        var request = await tenant.CreateRequestAsync(RepairApi.Request());
        var id = request.GetProperty("id").GetGuid();
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        var call = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/timeline", new { kind = "call", direction = "outbound", text = "已电话确认上门时间 13812345678" });
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await tenant.AcceptAsync(id, request.OfferedTo()!.Value)).StatusCode);
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/timeline", new { kind = "visit_note", text = "更换指纹模组" });

        var timeline = (await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{id}/timeline")).EnumerateArray().ToList();
        var lines = timeline.Select(i => i.GetProperty("kind").GetString() == "system" ? i.GetProperty("action").GetString() : i.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["repair.requested", "repair.offered", "call", "repair.accepted", "visit_note"], lines);
        Assert.Equal("已电话确认上门时间 13812345678", timeline[2].GetProperty("text").GetString());
        var stored = await desk.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Select(e => e.TextProtected).ToListAsync());
        Assert.All(stored, text => Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.ClientFor(desk.MerchantB.Key).GetAsync($"/api/v1/repairs/requests/{id}/timeline")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task TimelineEntry_WithEveryFieldWrong_NamesEachBadField(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        // Tried: an unknown kind with a direction and no text; a call without direction.
        var bad = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/timeline", new { kind = "fax", text = "" });
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("text", out _));
        var noDirection = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/timeline", new { kind = "call", text = "hi" });
        Assert.True((await noDirection.ProblemAsync()).GetProperty("errors").TryGetProperty("direction", out _));
        Assert.Equal(0, await desk.WithDbAsync(db => db.TimelineEntries.CountAsync()));
    }
}
