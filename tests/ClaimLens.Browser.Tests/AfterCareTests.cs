using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

/// <summary>After the job in a real browser: the customer's survey on a 360 px phone with the keyboard only, and the
/// reports page's charts after a few jobs completed through the API.</summary>
[Collection(DeskCollection.Name)]
public sealed class AfterCareTests(DeskSite site)
{
    [Fact]
    public async Task Survey_At360_KeyboardOnly_RatesTheJobOnce()
    {
        using var repairs = new DemoRepairApi(site);
        using var api = new DemoAfterCareApi(site);
        var brand = DemoAfterCareApi.NewBrand("回访锁");
        var technician = await repairs.TechnicianAsync("周师傅", brand);
        var request = await repairs.RequestAsync(DemoRepairApi.Town, brand, DemoRepairApi.NewPhone());
        await api.MoveAsync(request, technician, "depart", "arrive", "complete");
        var pages = new RepairDeskPages(await site.OpenAsync(360, 780));
        await pages.Page.GotoAsync($"/service/survey/{await api.SurveyTokenAsync(request)}");
        Assert.Contains("周师傅", await pages.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        var keys = pages.Page.Keyboard;

        // Tab to the rating group (bounded: a page with more stops than this is broken), then arrows choose the score.
        for (var i = 0; i < 30 && !(await pages.FocusedAsync()).StartsWith("score-", StringComparison.Ordinal); i++)
            await keys.PressAsync("Tab");
        Assert.StartsWith("score-", await pages.FocusedAsync(), StringComparison.Ordinal);
        await keys.PressAsync("Space");
        foreach (var _ in Enumerable.Range(0, 3))
            await keys.PressAsync("ArrowDown");
        Assert.True(await pages.Page.GetByRole(AriaRole.Radio, new() { Name = "4 满意" }).IsCheckedAsync());
        await keys.PressAsync("Tab");
        Assert.Equal("Comment", await pages.FocusedAsync());
        await keys.TypeAsync("师傅准时，讲解清楚");
        Assert.False(await pages.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-survey-360");
        await keys.PressAsync("Tab");
        await keys.PressAsync("Enter");

        await pages.Page.GetByRole(AriaRole.Heading, new() { Name = "感谢您的评价！" }).WaitForAsync();
        Assert.Contains("4 / 5", await pages.Status.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await pages.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-survey-360-answered");
        // Back and send again: the first answer stands.
        await pages.Page.GotoAsync(pages.Page.Url);
        await pages.Page.GetByRole(AriaRole.Heading, new() { Name = "您已经评价过了" }).WaitForAsync();
        Assert.Equal(0, await pages.Page.GetByRole(AriaRole.Radio).CountAsync());
    }

    [Fact]
    public async Task Reports_AfterCompletedJobs_ShowsChartsAsImagesWithTheirTables()
    {
        using var repairs = new DemoRepairApi(site);
        using var api = new DemoAfterCareApi(site);
        var brand = DemoAfterCareApi.NewBrand("报表锁");
        var technician = await repairs.TechnicianAsync("吴师傅", brand);
        // One fixed in a visit, one that waited for parts, one that came back under warranty.
        var phone = DemoRepairApi.NewPhone();
        await api.MoveAsync(await repairs.RequestAsync(DemoRepairApi.Town, brand, DemoRepairApi.NewPhone()), technician, "depart", "arrive", "complete");
        await api.MoveAsync(await repairs.RequestAsync(DemoRepairApi.Town, brand, DemoRepairApi.NewPhone()), technician,
            "depart", "arrive", "await_parts", "depart", "arrive", "complete");
        await api.MoveAsync(await repairs.RequestAsync(DemoRepairApi.Town, brand, phone), technician, "depart", "arrive", "complete");
        await repairs.RequestAsync(DemoRepairApi.Town, brand, phone);

        var pages = new RepairDeskPages(await site.OpenAsync());
        await pages.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await pages.Page.GotoAsync("/repairs/reports?measure=ftf");
        Assert.Equal("page", await pages.Page.GetByRole(AriaRole.Link, new() { Name = "报表" }).GetAttributeAsync("aria-current"));
        var line = pages.Page.GetByRole(AriaRole.Img, new() { Name = "按时接单率与一次修复率" });
        await line.WaitForAsync();
        Assert.True(await pages.Page.GetByRole(AriaRole.Img).CountAsync() >= 5);
        var byBrand = pages.Page.GetByRole(AriaRole.Img, new() { Name = "一次修复率（按品牌）" });
        Assert.Contains($"{brand}: 33.3% (1/3)", await byBrand.Locator("desc").TextContentAsync(), StringComparison.Ordinal);
        var brandRow = pages.Page.GetByRole(AriaRole.Row).Filter(new() { Has = pages.Page.GetByRole(AriaRole.Rowheader, new() { Name = brand, Exact = true }) });
        Assert.Contains("33.3%", await brandRow.InnerTextAsync(), StringComparison.Ordinal);
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-reports");
    }

    [Fact]
    public async Task FollowUpDesk_TomorrowsCall_ShowsMaskedPhoneAndLink_AndRecordsTheCall()
    {
        using var repairs = new DemoRepairApi(site);
        using var api = new DemoAfterCareApi(site);
        var brand = DemoAfterCareApi.NewBrand("回访台");
        var technician = await repairs.TechnicianAsync("郑师傅", brand);
        var phone = DemoRepairApi.NewPhone();
        var request = await repairs.RequestAsync(DemoRepairApi.Town, brand, phone);
        await api.MoveAsync(request, technician, "depart", "arrive", "complete");
        var token = await api.SurveyTokenAsync(request);
        var pages = new RepairDeskPages(await site.OpenAsync());
        await pages.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await pages.Page.GotoAsync("/repairs/follow-ups");
        // Due tomorrow at 10:00: today's desk does not list it; choosing tomorrow does.
        Assert.Equal(0, await pages.Page.GetByRole(AriaRole.Heading, new() { Name = brand }).CountAsync());
        var tomorrow = DateTime.UtcNow.AddHours(8).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await pages.Page.GotoAsync($"/repairs/follow-ups?due={tomorrow}");

        var card = pages.Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = pages.Page.GetByRole(AriaRole.Heading, new() { Name = brand }) });
        var text = await card.InnerTextAsync();
        Assert.Contains(DemoRepairApi.Number(request), text, StringComparison.Ordinal);
        Assert.Contains("郑师傅", text, StringComparison.Ordinal);
        Assert.Contains(phone[..3] + "****" + phone[^4..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
        Assert.EndsWith($"/service/survey/{token}", await card.GetByLabel("问卷链接（复制后发给客户）").InputValueAsync(), StringComparison.Ordinal);
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-follow-ups");

        await card.GetByLabel("电话回访：满意度").SelectOptionAsync("5");
        await card.GetByLabel("客户说了什么").FillAsync("锁很好用，谢谢");
        await card.GetByRole(AriaRole.Button, new() { Name = "记录回访" }).ClickAsync();
        await pages.Page.GetByText("已记录回访：满意度 5/5。").WaitForAsync();
        Assert.Equal(0, await pages.Page.GetByRole(AriaRole.Heading, new() { Name = brand }).CountAsync());
    }

    [Theory]
    [InlineData("zh-CN", "维修报表", "回访")]
    [InlineData("en", "Repair reports", "Follow-ups")]
    public async Task ReportsAndFollowUpDesk_BothLanguages_EveryControlNamed(string language, string reports, string followUps)
    {
        var pages = new RepairDeskPages(await site.OpenAsync());
        await pages.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        if (language == "en")
            await pages.Page.GotoAsync("/language/en?returnUrl=/repairs/board");
        var problems = new List<string>();
        foreach (var (path, heading) in new[] { ("/repairs/reports", reports), ("/repairs/follow-ups", followUps) })
        {
            var response = await pages.Page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            await pages.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 }).WaitForAsync();
            foreach (var problem in await pages.Page.EvaluateAsync<string[]>(AccessibilityTests.Unnamed))
                problems.Add($"{path}: {problem}");
            if (language == "en")
                await DeskSite.ScreenshotAsync(pages.Page, path == "/repairs/reports" ? "repairs-reports-en" : "repairs-follow-ups-en");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
