using System.Text.RegularExpressions;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class MerchantTests(DeskSite site)
{
    private async Task<MerchantPages> SignedInAsync()
    {
        var merchant = new MerchantPages(await site.OpenAsync());
        await merchant.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        return merchant;
    }

    [Fact]
    public async Task Claims_DemoClaim_ListedWithTimeLeft_OpensWithTheAnalysisInWords()
    {
        var merchant = await SignedInAsync();
        Assert.EndsWith("/merchant/claims", merchant.Page.Url, StringComparison.Ordinal);

        var row = await merchant.WaitForClaimAsync("DEMO-0001");
        var timeLeft = (await row.Locator("td.time-left").InnerTextAsync()).Trim();
        Assert.Matches(@"^\d+ (天|小时|分钟)", timeLeft);
        Assert.Contains("很可能被篡改", await row.InnerTextAsync(), StringComparison.Ordinal);
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-claims");

        await row.GetByRole(AriaRole.Link, new() { Name = "DEMO-0001" }).ClickAsync();
        await merchant.Page.WaitForURLAsync(new Regex("/merchant/claims/[0-9a-f-]{36}$"));
        Assert.Contains("很可能被篡改", await merchant.Page.Locator("#analysis-text").InnerTextAsync(), StringComparison.Ordinal);
        var findings = merchant.Page.Locator("ol.findings > li");
        Assert.True(await findings.CountAsync() >= 1);
        // Strongest first: the derivation from the listing photo is critical.
        Assert.Contains("严重", await findings.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await merchant.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("证据包 PDF") }).CountAsync());
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-claim");
    }

    [Fact]
    public async Task Product_CreateThenPickAReferencePhoto_ShowsItsThumbnail()
    {
        var merchant = await SignedInAsync();
        var sku = "P-" + Guid.NewGuid().ToString("N")[..8];
        await merchant.Page.GotoAsync("/merchant/products");
        await merchant.Page.GetByLabel("SKU").FillAsync(sku);
        await merchant.Page.GetByLabel("品牌").FillAsync("ClaimLens");
        await merchant.Page.GetByLabel("名称").FillAsync("智能门锁 S2");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "创建商品" }).ClickAsync();
        await merchant.Page.WaitForURLAsync($"**/merchant/products/{sku}");
        Assert.Equal("智能门锁 S2", await merchant.Heading.InnerTextAsync());

        var file = Path.Combine(site.Root, $"{sku}-front.jpg");
        await File.WriteAllBytesAsync(file, DemoMerchantApi.ListingJpeg(31));
        await merchant.UploadAsync("reference-files", file);
        await Assertions.Expect(merchant.Page.Locator(".upload-status")).ToHaveTextAsync("上传完成。");
        var thumb = merchant.Page.GetByRole(AriaRole.Img, new() { Name = $"参考图 {sku}-front.jpg" });
        await Assertions.Expect(thumb).ToBeVisibleAsync();
        StringAssert(await thumb.GetAttributeAsync("src"), "^/media/references/[0-9a-f-]{36}/thumb$");
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-product");
    }

    [Fact]
    public async Task Product_DropAReferencePhoto_UploadsWithProgressAndShowsIt()
    {
        var merchant = await SignedInAsync();
        var sku = "D-" + Guid.NewGuid().ToString("N")[..8];
        await merchant.Page.GotoAsync("/merchant/products");
        await merchant.Page.GetByLabel("SKU").FillAsync(sku);
        await merchant.Page.GetByLabel("品牌").FillAsync("ClaimLens");
        await merchant.Page.GetByLabel("名称").FillAsync("拖放测试");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "创建商品" }).ClickAsync();
        await merchant.Page.WaitForURLAsync($"**/merchant/products/{sku}");

        await merchant.DropAsync("[data-drop]", DemoMerchantApi.ListingJpeg(47, 800, 600), "dropped.jpg");
        await Assertions.Expect(merchant.Page.Locator(".upload-status")).ToHaveTextAsync("上传完成。");
        Assert.Equal("100", await merchant.Page.Locator("progress.upload-progress").EvaluateAsync<string>("p => String(p.value)"));
        await Assertions.Expect(merchant.Page.GetByRole(AriaRole.Img, new() { Name = "参考图 dropped.jpg" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Claim_AnswerInTheResponseWindow_MovesItToReview()
    {
        using var api = new DemoMerchantApi(site);
        var (id, _) = await api.ClaimAwaitingAnswerAsync(Guid.NewGuid().ToString("N")[..8]);
        var merchant = await SignedInAsync();
        await merchant.Page.GotoAsync($"/merchant/claims/{id}");
        Assert.Equal("待商家回复", (await merchant.Page.Locator("#claim-status").InnerTextAsync()).Trim());

        await merchant.Page.GetByLabel("回复内容").FillAsync("这张照片是我们的商品主图加了裂纹。");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "提交回复" }).ClickAsync();

        await Assertions.Expect(merchant.Status.First).ToContainTextAsync("已提交回复");
        Assert.Equal("审核中", (await merchant.Page.Locator("#claim-status").InnerTextAsync()).Trim());
        Assert.Equal(0, await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "提交回复" }).CountAsync());
        Assert.Contains("这张照片是我们的商品主图加了裂纹。", await merchant.Page.Locator("blockquote.response").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_ChangeTheReviewWindow_IsSavedAndShown()
    {
        var merchant = await SignedInAsync();
        await merchant.Page.GotoAsync("/merchant/settings");
        var field = merchant.Page.GetByLabel("审核期限（小时）");
        var next = await field.InputValueAsync() == "30" ? "36" : "30";
        await field.FillAsync(next);
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();

        await Assertions.Expect(merchant.Status.First).ToHaveTextAsync("设置已保存。");
        Assert.Equal(next, await merchant.Page.GetByLabel("审核期限（小时）").InputValueAsync());

        await merchant.Page.GetByLabel("时区").FillAsync("Mars/Olympus");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Assertions.Expect(merchant.Page.Locator("#TimeZone-error")).ToContainTextAsync("时区无效");
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-settings");
    }

    [Fact]
    public async Task ApiKey_CreatedInEnglish_ShownOnceWithCopy_ThenRevoked()
    {
        var merchant = await SignedInAsync();
        // The language link sets the cookie, as a person switching to English does.
        await merchant.Page.GotoAsync("/language/en?returnUrl=/merchant/settings/keys");
        var name = "ERP " + Guid.NewGuid().ToString("N")[..6];
        await merchant.Page.GetByLabel("New key's name").FillAsync(name);
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var key = await merchant.Page.GetByLabel("New API key").InputValueAsync();
        Assert.StartsWith("clk_", key, StringComparison.Ordinal);
        Assert.True(await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).IsVisibleAsync());
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-keys");

        await merchant.Page.GotoAsync("/merchant/settings/keys");
        Assert.DoesNotContain(key, await merchant.Page.ContentAsync(), StringComparison.Ordinal);
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke key {name}" }).ClickAsync();
        await Assertions.Expect(merchant.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Revoked");
    }

    [Fact]
    public async Task Order_PackingPhotoPicked_ShowsItsThumbnail_AndTheBuyerLinkCopies()
    {
        using var api = new DemoMerchantApi(site);
        var orderNo = await api.OrderAsync(Guid.NewGuid().ToString("N")[..8]);
        var merchant = await SignedInAsync();
        await merchant.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await merchant.Page.GotoAsync($"/merchant/orders/{orderNo}");
        Assert.Equal($"订单 {orderNo}", await merchant.Heading.InnerTextAsync());
        Assert.Contains("137****7000", await merchant.Page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);

        var link = await merchant.Page.GetByLabel("买家售后链接（随订单发给买家）").InputValueAsync();
        Assert.Matches("/buyer/orders/[A-Za-z0-9_-]{43}$", link);
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "复制链接" }).ClickAsync();
        Assert.Equal(link, await merchant.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        var file = Path.Combine(site.Root, $"{orderNo}-box.jpg");
        await File.WriteAllBytesAsync(file, DemoMerchantApi.ListingJpeg(5, 800, 600));
        await merchant.UploadAsync("packing-files", file);
        await Assertions.Expect(merchant.Page.Locator(".upload-status")).ToHaveTextAsync("上传完成。");
        await Assertions.Expect(merchant.Page.GetByRole(AriaRole.Img, new() { Name = $"打包照片 {orderNo}-box.jpg" })).ToBeVisibleAsync();
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-order");
    }

    [Fact]
    public async Task ClaimPages_At360Pixels_HaveNoSidewaysScroll()
    {
        var merchant = new MerchantPages(await site.OpenAsync(width: 360, height: 740));
        await merchant.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        var row = await merchant.WaitForClaimAsync("DEMO-0001");
        Assert.True(await merchant.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") <= 360, "claims list wider than 360 px");
        await row.GetByRole(AriaRole.Link, new() { Name = "DEMO-0001" }).ClickAsync();
        await merchant.Page.WaitForURLAsync(new Regex("/merchant/claims/[0-9a-f-]{36}$"));
        var width = await merchant.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(width <= 360, $"the claim page is {width} px wide at a 360 px viewport");
        await DeskSite.ScreenshotAsync(merchant.Page, "merchant-claim-360");
    }

    private static void StringAssert(string? actual, string pattern) => Assert.Matches(pattern, actual ?? "");
}
