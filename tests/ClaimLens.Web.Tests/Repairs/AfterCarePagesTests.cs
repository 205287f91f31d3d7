using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.MerchantConsole;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The customer's survey page, the agents' follow-up desk and the reports page, on SQLite and PostgreSQL.</summary>
public sealed class AfterCarePagesTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task SurveyPage_AnsweredOnce_SecondAnswerShowsTheFirstAndChangesNothing_UnknownTokenIs404(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var token = await CompletedJobTokenAsync(desk);
        using var customer = new PageSession(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = $"/service/survey/{token}";
        var listed = await desk.ClientFor(desk.MerchantA.Key).GetFromJsonAsync<JsonElement>("/api/v1/repairs/follow-ups?due=2026-11-21");
        Assert.Equal(page, Assert.Single(listed.EnumerateArray()).GetProperty("surveyPage").GetString());

        var shown = await (await customer.Client.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("德施曼", shown, StringComparison.Ordinal);
        Assert.Contains("修 Fixer", shown, StringComparison.Ordinal);
        Assert.Contains("非常满意", shown, StringComparison.Ordinal);
        // No personal data on an anonymous page: not the name, the phone (even masked) or the street.
        foreach (var secret in new[] { RepairApi.CustomerName, "5678", "东华门大街" })
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);

        // Tried: a rating of 6.
        var bad = await customer.PostFormAsync(page, page, new() { ["Satisfaction"] = "6", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请选择 1 到 5 分", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await desk.WithDbAsync(db => db.FollowUps.Select(f => f.AnsweredAt).SingleAsync()));

        var first = await customer.PostFormAsync(page, page, new() { ["Satisfaction"] = "4", ["Comment"] = "师傅准时" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("感谢您的评价", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await customer.PostFormAsync(page, page, new() { ["Satisfaction"] = "1", ["Comment"] = "改主意了" });
        var html = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("您已经评价过了", html, StringComparison.Ordinal);
        Assert.Contains("师傅准时", html, StringComparison.Ordinal);
        var stored = await desk.WithDbAsync(db => db.FollowUps.AsNoTracking().SingleAsync());
        Assert.Equal((4, "师傅准时", "survey"), (stored.Satisfaction!.Value, stored.Comment!, stored.Channel!));
        Assert.Equal(1, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "repair.followed_up")));

        var unknown = await customer.Client.GetAsync("/service/survey/no-such-token");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("页面不存在", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.Client.GetAsync("/service/survey/" + new string('a', 65))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task FollowUpDesk_ListsTheDueFollowUp_RecordsACall_RevealIsAudited_OtherTenantSeesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var token = await CompletedJobTokenAsync(desk);
        var id = await desk.WithDbAsync(db => db.FollowUps.Select(f => f.Id).SingleAsync());
        const string page = "/repairs/follow-ups";
        using (var early = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "agent-early"))
        {
            // Due tomorrow 10:00: not on today's desk yet.
            Assert.DoesNotContain(token, await early.Client.GetStringAsync(page), StringComparison.Ordinal);
        }
        // A day on (sign-in cookies run on the same fake clock, so sign in after moving it).
        desk.Clock.Advance(TimeSpan.FromDays(1));
        using var agent = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "agent-a");
        using var stranger = await PageSession.SignInMerchantAsync(desk, desk.MerchantB.MerchantId, "agent-b");
        var list = await agent.Client.GetStringAsync(page);
        Assert.Contains($"/service/survey/{token}", list, StringComparison.Ordinal);
        Assert.Contains("138****5678", list, StringComparison.Ordinal);
        Assert.DoesNotContain(RepairApi.Phone, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await stranger.Client.GetStringAsync(page), StringComparison.Ordinal);

        var revealed = await agent.PostFormAsync(page, $"{page}?handler=reveal&id={id}&requestId={await RequestIdAsync(desk)}", new() { ["Reason"] = "回访电话" });
        Assert.Contains(RepairApi.Phone, await revealed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "repair.phone_revealed")));
        // Another tenant's agent posting this follow-up's id: 404, and nothing recorded.
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.PostFormAsync(page, $"{page}?handler=call&id={id}", new() { ["Satisfaction"] = "1" })).StatusCode);

        var call = await agent.PostFormAsync(page, $"{page}?handler=call&id={id}", new() { ["Satisfaction"] = "5", ["Comment"] = "门锁好用" });
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Contains("已记录回访", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await desk.WithDbAsync(db => db.FollowUps.AsNoTracking().SingleAsync());
        Assert.Equal((5, "call", "user:agent-a"), (stored.Satisfaction!.Value, stored.Channel!, stored.AnsweredBy!));
        Assert.DoesNotContain(token, await agent.Client.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ReportsPage_DrawsChartsWithTheirTables_AndTheCsvHasTheSameNumbers(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await ReportScenario.SeedAsync(desk);
        using var agent = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "boss-a");

        var html = await agent.Client.GetStringAsync("/repairs/reports");
        // Line over time, satisfaction, then region, technician and brand bars: five charts, each an image with a title.
        Assert.Equal(5, html.Split("role=\"img\"").Length - 1);
        Assert.Contains("<title id=\"chart-time-title\">按时接单率与一次修复率</title>", html, StringComparison.Ordinal);
        Assert.Contains("80.0%", html, StringComparison.Ordinal);
        Assert.Contains("66.7% (2/3)", html, StringComparison.Ordinal);
        Assert.Contains("北京市", html, StringComparison.Ordinal);
        Assert.Contains("修 Fixer", html, StringComparison.Ordinal);

        var csv = await agent.Client.GetAsync("/repairs/reports?handler=csv&groupBy=brand");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("迪堡,2,2,2,100,1,0,0,1,100,1,4,0,0,0,1,0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("合计,5,5,4,80,3,1,33.3,1,33.3,3,4,0,0,1,1,1", StringComparison.Ordinal));

        // Tried: a start after the end.
        var bad = await agent.Client.GetAsync("/repairs/reports?from=2026-11-20&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("开始日期须为有效日期", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> CompletedJobTokenAsync(DeskHost desk)
    {
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405, capacity: 5));
        await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest()));
        return await desk.WithDbAsync(db => db.FollowUps.Select(f => f.SurveyToken).SingleAsync());
    }

    private static Task<Guid> RequestIdAsync(DeskHost desk) => desk.WithDbAsync(db => db.FollowUps.Select(f => f.RequestId).SingleAsync());
}
