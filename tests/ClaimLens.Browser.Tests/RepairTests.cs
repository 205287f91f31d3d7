using System.Text.RegularExpressions;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

/// <summary>The repair desk in a real browser: the public check and request on a 360 px phone, the agent's keyboard-only
/// intake and the dispatcher board. The demo merchant is the service tenant.</summary>
[Collection(DeskCollection.Name)]
public sealed class RepairTests(DeskSite site)
{
    [Fact]
    public async Task Check_At360_SaysYesForTheTenantsNumber_AndNoWithAWarningForAFakeOne()
    {
        using var api = new DemoRepairApi(site);
        var official = "400" + DemoRepairApi.NewPhone()[3..10];
        await api.AuthoriseAsync("德施曼", official);
        var pages = new RepairDeskPages(await site.OpenAsync(360, 780));

        await pages.CheckAsync(official, "德施曼");
        var yes = await pages.Status.InnerTextAsync();
        Assert.Contains("是授权服务商", yes, StringComparison.Ordinal);
        Assert.DoesNotContain("不是授权服务商", yes, StringComparison.Ordinal);

        await pages.CheckAsync("400-888-0000", "德施曼");
        var no = await pages.Status.InnerTextAsync();
        Assert.Contains("不是授权服务商", no, StringComparison.Ordinal);
        Assert.Contains("官方客服热线", no, StringComparison.Ordinal);
        Assert.False(await pages.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-check-360");
    }

    [Fact]
    public async Task CustomerRequest_At360_PicksTheAddressLevelByLevel_AndIsConfirmed()
    {
        using var api = new DemoRepairApi(site);
        await api.TechnicianAsync("张师傅", "德施曼");
        var tenantPage = await TenantRequestPageAsync();
        var pages = new RepairDeskPages(await site.OpenAsync(360, 780));
        await pages.Page.GotoAsync(tenantPage);

        await pages.Page.GetByLabel("品牌").FillAsync("德施曼");
        await pages.Page.GetByLabel("产品类型").SelectOptionAsync("smart_lock");
        await pages.Page.GetByLabel("故障描述").FillAsync("指纹识别失灵，密码也打不开");
        Assert.True(await pages.Page.Locator("#CityCode").IsDisabledAsync());
        await pages.PickAsync("ProvinceCode", "11", "CityCode", "1101");
        await pages.PickAsync("CityCode", "1101", "CountyCode", "110101");
        await pages.PickAsync("CountyCode", "110101", "TownCode", DemoRepairApi.Town);
        await pages.PickAsync("TownCode", DemoRepairApi.Town, null, null);
        Assert.Equal("东华门街道", (await pages.Page.Locator("#TownCode option:checked").InnerTextAsync()).Trim());
        await pages.Page.GetByLabel("详细地址（小区、楼栋、门牌号）").FillAsync("东华门大街 88 号院 3 单元 502");
        await pages.Page.GetByLabel("明天 上午").CheckAsync();
        await pages.Page.GetByLabel("联系人").FillAsync("王先生");
        await pages.Page.GetByLabel("手机号码").FillAsync(DemoRepairApi.NewPhone());
        Assert.False(await pages.ScrollsSidewaysAsync());
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = "提交报修" }).ClickAsync();

        await pages.Page.GetByRole(AriaRole.Heading, new() { Name = "已收到您的报修" }).WaitForAsync();
        Assert.Matches("^R[0-9A-F]{8}$", (await pages.Page.Locator(".request-number").InnerTextAsync()).Trim());
        Assert.Contains("30 分钟内接单", await pages.Status.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await pages.ScrollsSidewaysAsync());
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-request-360");
    }

    [Fact]
    public async Task AgentIntake_KeyboardOnly_TabTypeEnter_FilesARequest()
    {
        using var api = new DemoRepairApi(site);
        await api.TechnicianAsync("赵师傅", "凯迪仕");
        var pages = new RepairDeskPages(await site.OpenAsync());
        await pages.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await pages.Page.GotoAsync("/repairs/intake");
        var keys = pages.Page.Keyboard;

        Assert.Equal("Phone", await pages.FocusedAsync());
        foreach (var (field, text) in new[]
        {
            ("Phone", DemoRepairApi.NewPhone()), ("Name", "陈女士"), ("Brand", "凯迪仕"), ("ProductType", null), ("Model", "K20"),
            ("Fault", "把手松动，锁舌不回弹"), ("TownCode", DemoRepairApi.Town), ("Street", "东华门大街 6 号"),
        })
        {
            Assert.Equal(field, await pages.FocusedAsync());
            if (text is not null)
                await keys.TypeAsync(text);
            if (field != "Street")
                await keys.PressAsync("Tab");
        }
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-intake");
        await keys.PressAsync("Enter");

        await pages.Page.WaitForURLAsync(new Regex("/repairs/requests/[0-9a-f-]{36}\\?filed=true$"));
        Assert.Contains("报修已提交并已派单", await pages.Status.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("凯迪仕", await pages.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已派给师傅", await pages.Page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-request-page");

        // Alt+N starts the next call's form. The key is only heard once the page's module has run, which it marks on
        // <html>; a CI run once pressed it and saw no navigation within 30 s, so the test waits for the mark first and
        // then only for the new page's commit.
        await pages.Page.Locator("html[data-shortcuts]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await keys.PressAsync("Alt+N");
        await pages.Page.WaitForURLAsync(new Regex("/repairs/intake$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(pages.Page.GetByLabel("来电号码")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Board_ShowsARequestAboutToMissItsTarget_WithItsCountdown()
    {
        using var api = new DemoRepairApi(site);
        var id = await api.RequestAsync(DemoRepairApi.UncoveredTown, "德施曼", DemoRepairApi.NewPhone());
        var pages = new RepairDeskPages(await site.OpenAsync());
        await pages.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);

        await pages.Page.GotoAsync("/repairs/board?within=60");

        var card = pages.Page.Locator("article.board-item").Filter(new() { HasText = DemoRepairApi.Number(id) });
        await card.WaitForAsync();
        var text = await card.InnerTextAsync();
        Assert.Matches(@"还剩 \d+ 分钟", text);
        Assert.Contains("南山区", text, StringComparison.Ordinal);
        Assert.Contains("尚未派出", text, StringComparison.Ordinal);
        Assert.True(await card.GetByLabel("原因").IsVisibleAsync());
        await DeskSite.ScreenshotAsync(pages.Page, "repairs-board");
    }

    /// <summary>The tenant's own customer page, as its staff find it on the repair desk's tabs.</summary>
    private async Task<string> TenantRequestPageAsync()
    {
        var staff = new RepairDeskPages(await site.OpenAsync());
        await staff.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await staff.Page.GotoAsync("/repairs/board");
        var href = await staff.Page.Locator("#customer-page").GetAttributeAsync("href");
        await staff.Page.Context.CloseAsync();
        Assert.Matches("^/service/[0-9a-f-]{36}/request$", href);
        return href!;
    }
}
