using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using ClaimLens.DevSet;
using Microsoft.Playwright;
using OpenCvSharp;

namespace ClaimLens.Browser.Tests;

/// <summary>The buyer's pages on a 360 × 740 phone: order link, live capture with the desk's code, gallery upload
/// with a progress bar, the status page, and bad input.</summary>
[Collection(DeskCollection.Name)]
public sealed partial class BuyerTests(DeskSite site)
{
    [Fact]
    public async Task FileClaim_At360_OneLivePhotoAndOneFromTheGallery_LandsOnStatusWithEachMarked()
    {
        var link = await NewOrderLinkAsync();
        var buyer = new BuyerClaimPage(await site.OpenAsync(360, 740, "zh-CN"));
        await buyer.OpenOrderAsync(link);
        await Assertions.Expect(buyer.Heading).ToContainTextAsync("订单");
        Assert.Equal(0, await buyer.SidewaysOverflowAsync());
        await DeskSite.ScreenshotAsync(buyer.Page, "buyer-order-360");

        await buyer.StartClaimAsync();
        await Assertions.Expect(buyer.Heading).ToHaveTextAsync("申请售后");
        await buyer.ChooseReasonAsync("damaged");
        await buyer.DescribeAsync("门锁面板右上角有裂纹，外箱完好");
        var code = await buyer.TakeLivePhotoAsync();
        await Assertions.Expect(buyer.Previews.First).ToContainTextAsync("现场拍摄");
        await Assertions.Expect(buyer.Previews.First).ToContainTextAsync(code);
        AssertStampBurnedIn(await buyer.LivePhotoBytesAsync(0));
        var photo = GalleryPhoto();
        await buyer.AddFromGalleryAsync(photo);
        await Assertions.Expect(buyer.Previews).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Previews.Nth(1)).ToContainTextAsync("相册上传");
        Assert.Equal(0, await buyer.SidewaysOverflowAsync());
        // The camera stays open, with the code and the time over the video, for the README's picture.
        await buyer.Page.Locator("[data-stage]").ScrollIntoViewIfNeededAsync();
        await DeskSite.ScreenshotAsync(buyer.Page, "buyer-capture-360");

        await buyer.SubmitAsync();
        await buyer.Page.WaitForFunctionAsync("() => document.querySelector('[data-progress]')?.value === 100");
        await buyer.Page.WaitForURLAsync(StatusUrl());
        await Assertions.Expect(buyer.Heading).ToHaveTextAsync("售后进度");
        await Assertions.Expect(buyer.StatusBadge).ToHaveTextAsync(new Regex("分析中|等待商家回复|审核中|已同意|已驳回"));
        await Assertions.Expect(buyer.SentPhotos).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.SentPhotos.Nth(0)).ToContainTextAsync("现场拍摄");
        await Assertions.Expect(buyer.SentPhotos.Nth(0)).ToContainTextAsync(code);
        await Assertions.Expect(buyer.SentPhotos.Nth(1)).ToContainTextAsync("相册上传");
        Assert.Equal(0, await buyer.SidewaysOverflowAsync());
        await DeskSite.ScreenshotAsync(buyer.Page, "buyer-status-360");
        File.Delete(photo);
    }

    [Fact]
    public async Task FileClaim_TextFileInTheGallery_ErrorBesideThePhotos_EverythingElseKept()
    {
        var link = await NewOrderLinkAsync();
        var buyer = new BuyerClaimPage(await site.OpenAsync(360, 740, "zh-CN"));
        await buyer.Page.GotoAsync(link + "/claim");
        await buyer.ChooseReasonAsync("other");
        await buyer.DescribeAsync("收到的颜色不对");
        await buyer.Amount.FillAsync("100.00");
        // Bad input tried: a text file that claims to be a JPEG by its name (the browser believes the name).
        var notes = Path.Combine(site.Root, $"notes-{Guid.NewGuid():N}.jpg");
        await File.WriteAllTextAsync(notes, "these are notes, not a photo");
        await buyer.AddFromGalleryAsync(notes);
        await Assertions.Expect(buyer.Previews).ToHaveCountAsync(1);

        await buyer.SubmitAsync();

        await Assertions.Expect(buyer.PhotoError).ToBeVisibleAsync();
        await Assertions.Expect(buyer.PhotoError).ToContainTextAsync("不是图片");
        Assert.EndsWith("/claim", buyer.Page.Url, StringComparison.Ordinal);
        Assert.Equal("100.00", await buyer.Amount.InputValueAsync());
        Assert.Equal("收到的颜色不对", await buyer.Details.InputValueAsync());
        Assert.Equal("other", await buyer.Page.GetByLabel("售后原因").InputValueAsync());
        await Assertions.Expect(buyer.Previews).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task StatusPage_ReviewerAsksForMore_BuyerAddsALivePhotoThere()
    {
        var (link, orderNo) = await NewOrderAsync();
        using var merchant = Api(site.Demo["merchant"]);
        var id = await FileByApiAsync(merchant, orderNo);
        await WaitForStatusAsync(merchant, id, "awaiting_merchant");
        using (var respond = new MultipartFormDataContent { { new StringContent("请核实"), "text" } })
            Assert.True((await merchant.PostAsync($"/api/v1/claims/{id}/merchant-response", respond)).IsSuccessStatusCode);
        using var reviewer = Api(site.Demo["reviewer"]);
        var asked = await reviewer.PostAsJsonAsync($"/api/v1/claims/{id}/decision",
            new { action = "request_evidence", note = "请拍一张外包装的照片 / photograph the outer box" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());

        var buyer = new BuyerClaimPage(await site.OpenAsync(360, 740, "zh-CN"));
        await buyer.Page.GotoAsync($"{link}/claims/{id}");
        await Assertions.Expect(buyer.StatusBadge).ToHaveTextAsync("需要补充证据");
        await Assertions.Expect(buyer.Page.Locator("blockquote.ask")).ToContainTextAsync("请拍一张外包装的照片");
        var code = await buyer.TakeLivePhotoAsync();
        Assert.Equal(0, await buyer.SidewaysOverflowAsync());
        await DeskSite.ScreenshotAsync(buyer.Page, "buyer-evidence-360");
        await buyer.Page.GetByRole(AriaRole.Button, new() { Name = "提交照片" }).ClickAsync();

        await Assertions.Expect(buyer.StatusBadge).Not.ToHaveTextAsync("需要补充证据");
        await Assertions.Expect(buyer.SentPhotos).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.SentPhotos.Nth(1)).ToContainTextAsync(code);
        await Assertions.Expect(buyer.SentPhotos.Nth(1)).ToContainTextAsync("第 2 次提交");
    }

    [Fact]
    public async Task Camera_Refused_SaysSoAndOffersTheGallery()
    {
        var link = await NewOrderLinkAsync();
        var page = await site.OpenAsync(360, 740, "zh-CN");
        // The fake camera always allows; a refusal is what the browser reports when the buyer says no.
        await page.AddInitScriptAsync("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));");
        var buyer = new BuyerClaimPage(page);
        await page.GotoAsync(link + "/claim");

        await page.GetByRole(AriaRole.Button, new() { Name = "现场拍照" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-camera-error]")).ToContainTextAsync("没有相机权限");
        await Assertions.Expect(page.Locator("label[for=gallery]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-stage]")).ToBeHiddenAsync();
        Assert.Equal(0, await buyer.SidewaysOverflowAsync());
    }

    [Fact]
    public async Task FileClaimPage_InEnglish_At360_CameraOpen_NoSidewaysScroll()
    {
        var link = await NewOrderLinkAsync();
        var page = await site.OpenAsync(360, 740, "zh-CN");
        await page.GotoAsync($"/language/en?returnUrl={Uri.EscapeDataString(link + "/claim")}");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("File a claim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take photos live" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-code]")).ToHaveTextAsync(BuyerClaimPage.CodePattern());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take photo", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await new BuyerClaimPage(page).SidewaysOverflowAsync());
        await DeskSite.ScreenshotAsync(page, "buyer-capture-360-en");
    }

    [Fact]
    public async Task BuyerLink_Unknown_IsAFriendly404_At360()
    {
        var page = await site.OpenAsync(360, 740, "zh-CN");
        var response = await page.GotoAsync("/buyer/orders/" + new string('A', 43));
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("找不到这个页面");
        Assert.Equal(0, await new BuyerClaimPage(page).SidewaysOverflowAsync());
    }

    /// <summary>The live photo is a JPEG whose bottom band (code and time) is darkened over the camera's frame.</summary>
    private static void AssertStampBurnedIn(byte[] jpeg)
    {
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        File.WriteAllBytes(Path.Combine(DeskSite.RepositoryRoot(), "artifacts", "screenshots", "buyer-live-photo.jpg"), jpeg);
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Grayscale);
        var band = Math.Max(36, (int)Math.Round(Math.Min(image.Width, image.Height) * 0.12));
        using var stamp = image[new Rect(image.Width / 2, image.Height - band + 2, image.Width / 2 - 4, band - 4)];
        using var above = image[new Rect(image.Width / 2, image.Height - 2 * band, image.Width / 2 - 4, band - 4)];
        // The band is 62 % black with white and yellow text: darker on average than the frame just above it.
        Assert.True(Cv2.Mean(stamp).Val0 < Cv2.Mean(above).Val0, $"stamp {Cv2.Mean(stamp).Val0:0} vs frame {Cv2.Mean(above).Val0:0}");
    }

    /// <summary>A new order of the demo product (made through the API with the demo merchant's key), so tests never
    /// depend on each other or on the demo's own claim.</summary>
    private async Task<string> NewOrderLinkAsync() => (await NewOrderAsync()).Link;

    private async Task<(string Link, string OrderNo)> NewOrderAsync()
    {
        var orderNo = "BUY-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var http = new HttpClient { BaseAddress = site.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Demo["merchant"]);
        var delivered = DateTimeOffset.UtcNow.AddDays(-1);
        var response = await http.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-browser", buyerPhone = "13900139000",
            shippedAt = delivered.AddDays(-2), deliveredAt = delivered, lines = new[] { new { sku = "LOCK-S1", quantity = 1, unitPrice = 899m } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("buyerLink").GetString()!, orderNo);
    }

    private HttpClient Api(string key)
    {
        var http = new HttpClient { BaseAddress = site.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<Guid> FileByApiAsync(HttpClient merchant, string orderNo)
    {
        using var photo = ProductPhoto.Draw(900, 700, seed: 91);
        Cv2.ImEncode(".jpg", photo, out var bytes);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(orderNo), "orderNo" }, { new StringContent("LOCK-S1"), "sku" }, { new StringContent("refund_only"), "type" },
            { new StringContent("破损 / broken"), "reason" }, { new StringContent("899"), "amount" },
            { new ByteArrayContent(bytes), "photos", "IMG_1.jpg" },
        };
        var response = await merchant.PostAsync("/api/v1/claims", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits for the desk's workers to move the claim (analysis runs in the background of the real process).</summary>
    private static async Task WaitForStatusAsync(HttpClient merchant, Guid id, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var claim = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");
            if (claim.GetProperty("status").GetString() == status)
                return;
            await Task.Delay(200);
        }
        Assert.Fail($"claim {id} never reached {status}");
    }

    /// <summary>A phone-sized photo of the product (not the listing photo itself) in a temporary file.</summary>
    private string GalleryPhoto()
    {
        using var photo = ProductPhoto.Draw(1200, 900, seed: 77);
        var path = Path.Combine(site.Root, $"IMG_{Guid.NewGuid():N}.jpg"[..16] + ".jpg");
        Cv2.ImWrite(path, photo, new ImageEncodingParam(ImwriteFlags.JpegQuality, 88));
        return path;
    }

    [GeneratedRegex("/buyer/orders/[^/]+/claims/[0-9a-f-]{36}$")]
    private static partial Regex StatusUrl();
}
