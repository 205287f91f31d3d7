using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Follow-up tasks after completion, the agent's record and the one-time anonymous survey, on SQLite and PostgreSQL.</summary>
public sealed class FollowUpTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CompletedJob_GetsAFollowUpDueNextDayAt10Shanghai_AndTheSurveyIsAnsweredOnce(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405, capacity: 5));
        // Completed Friday 2026-11-20 10:00 Shanghai: due Saturday 10:00 Shanghai = 02:00 UTC.
        var job = await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest()));

        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-20")).EnumerateArray());
        var due = Assert.Single((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-21")).EnumerateArray());
        Assert.Equal(job.GetProperty("id").GetGuid(), due.GetProperty("requestId").GetGuid());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), due.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Empty((await desk.ClientFor(desk.MerchantB.Key).GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-21")).EnumerateArray());

        using var anonymous = desk.CreateClient();
        var path = due.GetProperty("surveyPath").GetString();
        var answer = await anonymous.PostAsJsonAsync(path, new { satisfaction = 5, comment = "师傅很专业" });
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        Assert.Equal("survey", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync(path, new { satisfaction = 1 })).StatusCode);
        var call = await tenant.PostAsJsonAsync($"/api/v1/repairs/follow-ups/{due.GetProperty("id").GetGuid()}", new { channel = "call", satisfaction = 2 });
        Assert.Equal(HttpStatusCode.Conflict, call.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/v1/repairs/surveys/not-a-token", new { satisfaction = 3 })).StatusCode);
        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-21")).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AgentRecord_WithEveryFieldWrong_NamesEachBadField_ThenACallIsRecorded(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405));
        await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest()));
        desk.Clock.Advance(TimeSpan.FromDays(1));
        var id = Assert.Single((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups")).EnumerateArray()).GetProperty("id").GetGuid();

        // Tried: an unknown channel, satisfaction 6, a 2,001-character comment.
        var bad = await tenant.PostAsJsonAsync($"/api/v1/repairs/follow-ups/{id}", new { channel = "fax", satisfaction = 6, comment = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "channel", "satisfaction", "comment" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        var call = await tenant.PostAsJsonAsync($"/api/v1/repairs/follow-ups/{id}", new { channel = "call", satisfaction = 4, comment = "门锁正常" });
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var recorded = await call.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("answered", recorded.GetProperty("status").GetString());
        Assert.Equal(4, recorded.GetProperty("satisfaction").GetInt32());
    }
}
