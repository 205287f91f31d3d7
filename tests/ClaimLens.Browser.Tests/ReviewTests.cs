using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using ClaimLens.DevSet;
using Microsoft.Playwright;
using OpenCvSharp;

namespace ClaimLens.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class ReviewTests(DeskSite site)
{
    [Fact]
    public async Task Reviewer_ForgedClaim_SeesDerivationFirst_AndRejectsWithTheKeyboard()
    {
        var claimId = await ClaimInReviewAsync();
        var login = await new LoginPage(await site.OpenAsync(1280, 900)).OpenAsync();
        await login.SignInAsync("reviewer@demo", site.Demo["reviewer@demo"]);

        var queue = await new ReviewQueuePage(login.Page).OpenAsync();
        Assert.Equal("审核队列", await queue.Heading.InnerTextAsync());
        await Assertions.Expect(queue.Counts).ToBeVisibleAsync();
        Assert.True(int.Parse(await queue.InQueueCount.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(queue.ClaimLink(claimId)).ToBeVisibleAsync();
        await DeskSite.ScreenshotAsync(queue.Page, "review-queue");

        await queue.ClaimLink(claimId).ClickAsync();
        var claim = new ReviewClaimPage(queue.Page);
        await Assertions.Expect(claim.FirstPhoto).ToBeVisibleAsync();
        Assert.Equal("derived_from_reference", (await claim.FindingCodesAsync())[0]);

        await Assertions.Expect(claim.HeatMap).ToBeHiddenAsync();
        await claim.PressAsync("h");
        await Assertions.Expect(claim.HeatMap).ToBeVisibleAsync();
        await Assertions.Expect(claim.HeatButton).ToHaveAttributeAsync("aria-pressed", "true");
        await claim.PressAsync("h");
        await Assertions.Expect(claim.HeatMap).ToBeHiddenAsync();

        // The slider fades the aligned reference in over the photo, moved with the keyboard as a person would.
        await claim.Overlay.FocusAsync();
        for (var i = 0; i < 5; i++)
            await claim.Page.Keyboard.PressAsync("PageUp");
        var opacity = await claim.AlignedReference.EvaluateAsync<string>("img => getComputedStyle(img).opacity");
        Assert.InRange(double.Parse(opacity, System.Globalization.CultureInfo.InvariantCulture), 0.2, 0.99);
        await claim.Page.Keyboard.PressAsync("Home");
        Assert.Equal("0", await claim.AlignedReference.EvaluateAsync<string>("img => getComputedStyle(img).opacity"));

        await claim.PressAsync("b");
        await Assertions.Expect(claim.BlinkButton).ToHaveAttributeAsync("aria-pressed", "true");
        await claim.PressAsync("b");
        await Assertions.Expect(claim.BlinkButton).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal("0", await claim.AlignedReference.EvaluateAsync<string>("img => getComputedStyle(img).opacity"));

        await claim.PressAsync("?");
        await Assertions.Expect(claim.Shortcuts).ToBeVisibleAsync();
        await claim.PressAsync("?");
        await claim.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await DeskSite.ScreenshotAsync(claim.Page, "review-claim");

        await claim.PressAsync("r");
        await Assertions.Expect(claim.RejectReason).ToBeFocusedAsync();
        await claim.RejectReason.SelectOptionAsync("forged_evidence");
        await claim.RejectNote.FillAsync("照片由商品主图加裂纹伪造 / the photo is our listing photo with a crack added");
        await claim.RejectButton.FocusAsync();
        await claim.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(claim.ConfirmDialog).ToBeVisibleAsync();
        await claim.Page.Keyboard.PressAsync("Enter");
        await claim.Page.WaitForURLAsync(url => !url.Contains(claimId.ToString(), StringComparison.Ordinal));

        await queue.OpenAsync();
        await Assertions.Expect(queue.ClaimLink(claimId)).ToHaveCountAsync(0);
        using var merchant = MerchantClient();
        var decided = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}");
        Assert.Equal("rejected", decided.GetProperty("status").GetString());
        Assert.Equal("forged_evidence", decided.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Admin_VerifiesTheAuditChainInThePage()
    {
        var login = await new LoginPage(await site.OpenAsync(1280, 900)).OpenAsync();
        await login.SignInAsync("admin@demo", site.Demo["admin@demo"]);
        await login.Page.GotoAsync("/admin/audit");

        await login.Page.GetByRole(AriaRole.Button, new() { Name = "校验审计链" }).ClickAsync();
        var result = login.Page.GetByRole(AriaRole.Status);
        await Assertions.Expect(result).ToContainTextAsync("审计链完整");
        Assert.Equal("intact", await login.Page.Locator("[data-verification]").GetAttributeAsync("data-verification"));
        await DeskSite.ScreenshotAsync(login.Page, "admin-audit");
    }

    /// <summary>A claim of its own (the tests share the desk): a new order of the demo product, the demo forgery as
    /// its photo, analysed, then answered by the merchant so it goes to review.</summary>
    private async Task<Guid> ClaimInReviewAsync()
    {
        using var merchant = MerchantClient();
        var orderNo = "REVIEW-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        (await merchant.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-review", buyerPhone = "13900139000", shippedAt = now.AddDays(-3), deliveredAt = now.AddDays(-1),
            lines = new[] { new { sku = "LOCK-S1", quantity = 1, unitPrice = 899m } },
        })).EnsureSuccessStatusCode();
        byte[] photo;
        using (var listing = ProductPhoto.Draw())
        {
            var (forged, mask) = DemoForgery.Make(listing);
            using (forged)
            using (mask)
                Cv2.ImEncode(".jpg", forged, out photo, new ImageEncodingParam(ImwriteFlags.JpegQuality, DemoForgery.JpegQuality));
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent(orderNo), "orderNo" }, { new StringContent("LOCK-S1"), "sku" }, { new StringContent("refund_only"), "type" },
            { new StringContent("门锁面板有裂纹 / the panel is cracked"), "reason" }, { new StringContent("899"), "amount" },
        };
        var content = new ByteArrayContent(photo);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "photos", "IMG_3001.jpg");
        var filed = await merchant.PostAsync("/api/v1/claims", form);
        filed.EnsureSuccessStatusCode();
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 600 && (await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}")).GetProperty("status").GetString() == "analyzing"; i++)
            await Task.Delay(100);
        using var answer = new MultipartFormDataContent { { new StringContent("这是我们的主图加了裂纹 / our listing photo with a crack"), "text" } };
        (await merchant.PostAsync($"/api/v1/claims/{id}/merchant-response", answer)).EnsureSuccessStatusCode();
        return id;
    }

    private HttpClient MerchantClient()
    {
        var client = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Demo["merchant"]);
        return client;
    }
}
