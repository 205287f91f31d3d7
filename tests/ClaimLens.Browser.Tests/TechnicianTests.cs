using System.Globalization;
using System.Text.RegularExpressions;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

/// <summary>The technician's job on a 360 px phone, from the offer to the customer's signature, and what the
/// tenant's request page shows afterwards.</summary>
[Collection(DeskCollection.Name)]
public sealed class TechnicianTests(DeskSite site)
{
    [Fact]
    public async Task Technician_At360_AcceptsTravelsRecordsWorkAndCompletes_AndTheRequestPageShowsTheWarranty()
    {
        // A brand of this test's own, so dispatch offers the job to this technician whatever other tests made.
        var brand = "测试牌" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var partCode = "TT-" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        using var api = new DemoRepairApi(site);
        var technician = await api.TechnicianAsync("孙师傅", brand);
        var (userName, password) = await api.TechnicianLoginAsync(technician);
        await api.PartAsync(partCode, "锁芯 Lock cylinder", brand, 8800);
        var id = await api.RequestAsync(DemoRepairApi.Town, brand, DemoRepairApi.NewPhone());

        var page = await site.OpenAsync(360, 780);
        await page.Context.GrantPermissionsAsync(["geolocation"]);
        await page.Context.SetGeolocationAsync(new Geolocation { Latitude = 39.914f, Longitude = 116.404f });
        var tech = new TechnicianPages(page);
        await tech.SignInAsync(userName, password);
        await page.WaitForURLAsync(new Regex("/technician$"));
        var offered = page.Locator($"a[href='/technician/jobs/{id}']");
        Assert.Contains("可接单", await offered.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await tech.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(page, "technician-jobs");

        await offered.ClickAsync();
        Assert.Contains("接单后显示详细地址", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await tech.StepAsync("接单");
        Assert.Equal("师傅已接单", (await tech.JobStatus.InnerTextAsync()).Trim());
        Assert.Contains("南头街道深南大道 1 号", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("uri.amap.com", await page.GetByRole(AriaRole.Link, new() { Name = "导航（高德地图）" }).GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await tech.StepAsync("联系客户（会记录）");
        Assert.StartsWith("tel:1", await page.Locator("a[href^='tel:']").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);

        await tech.StepAsync("出发");
        Assert.Equal("师傅在路上", (await tech.JobStatus.InnerTextAsync()).Trim());
        await tech.StepAsync("到达签到");
        await page.GetByText("已记录位置").WaitForAsync();
        Assert.Equal("师傅已到场", (await tech.JobStatus.InnerTextAsync()).Trim());

        await tech.AddPhotoAsync("维修前", TestPictures.Shapes(1), "before.jpg");
        await tech.AddPhotoAsync("维修后", TestPictures.Shapes(2), "after.jpg");
        await page.GetByLabel("使用的配件").SelectOptionAsync(partCode);
        await page.GetByLabel("维修记录", new() { Exact = true }).FillAsync("更换锁芯，开关 20 次正常");
        await tech.StepAsync("保存记录");
        Assert.Contains("¥88.00", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await tech.SignAsync();
        Assert.False(await tech.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(page, "technician-job");

        await tech.StepAsync("完成工单");
        Assert.Equal("已完成", (await tech.JobStatus.InnerTextAsync()).Trim());

        var desk = new RepairDeskPages(await site.OpenAsync());
        await desk.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await desk.Page.GotoAsync($"/repairs/requests/{id}");
        var main = await desk.Page.Locator("main").InnerTextAsync();
        Assert.Contains("已完成", main, StringComparison.Ordinal);
        Assert.Contains("保修期至", main, StringComparison.Ordinal);
        Assert.Contains("已签名", main, StringComparison.Ordinal);
        Assert.Equal(2, await desk.Page.Locator(".repair-photo img").CountAsync());
        await DeskSite.ScreenshotAsync(desk.Page, "technician-request-page");
    }

    [Fact]
    public async Task DemoTechnician_SignsIn_AndFindsTheDemoJobAssignedByTheDispatcher()
    {
        Assert.True(site.Demo.ContainsKey("tech@demo"), "data/demo-keys.json has no tech@demo password");
        var page = await site.OpenAsync(360, 780);
        var tech = new TechnicianPages(page);
        await tech.SignInAsync("tech@demo", site.Demo["tech@demo"]);
        await page.WaitForURLAsync(new Regex("/technician$"));
        var demo = page.Locator("a.job-card", new() { HasText = "指纹识别失灵" });
        Assert.Contains("调度员指派", await demo.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("东华门街道", await demo.InnerTextAsync(), StringComparison.Ordinal);
    }
}
