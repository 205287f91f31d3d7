using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.MerchantConsole;

/// <summary>The merchant console's pages through a signed-in cookie, on SQLite and on PostgreSQL.</summary>
public sealed partial class MerchantPagesTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Pages_AnotherMerchantsClaimProductOrder_AreNotFound_AlsoForPosts(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var apiA = desk.ClientFor(desk.MerchantA.Key);
        var apiB = desk.ClientFor(desk.MerchantB.Key);
        await apiA.CreateProductAsync("A-SKU", TestPhotos.Listing);
        await apiA.CreateOrderAsync("A-ORDER", "A-SKU", Delivered);
        var claimA = await apiA.FileClaimOkAsync("A-ORDER", "A-SKU", 899m, TestPhotos.Forged);
        await apiB.CreateProductAsync("B-SKU", TestPhotos.Listing);
        await apiB.CreateOrderAsync("B-ORDER", "B-SKU", Delivered);
        var claimB = await apiB.FileClaimOkAsync("B-ORDER", "B-SKU", 899m, TestPhotos.Forged);
        await desk.DrainAsync();
        var hookB = await apiB.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://b.example.com/hook" });
        var hookBId = (await hookB.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var keyBId = await desk.WithDbAsync(db => db.ApiKeys.Where(k => k.MerchantId == desk.MerchantB.MerchantId).Select(k => k.Id).SingleAsync());
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        // The controls: A's own records open, so the 404s below are the tenant check, not broken pages.
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/merchant/claims/{claimA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync("/merchant/products/A-SKU")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync("/merchant/orders/A-ORDER")).StatusCode);

        foreach (var path in new[]
        {
            $"/merchant/claims/{claimB}", "/merchant/products/B-SKU", "/merchant/products/B-SKU?handler=gallery",
            "/merchant/orders/B-ORDER", "/merchant/orders/B-ORDER?handler=packing",
        })
            Assert.True((await a.Client.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        using (var form = new MultipartFormDataContent { { new StringContent("not ours"), "Text" } })
            Assert.Equal(HttpStatusCode.NotFound, (await a.PostMultipartAsync("/merchant/claims", $"/merchant/claims/{claimB}?handler=respond", form)).StatusCode);
        using (var photos = new MultipartFormDataContent { { DeskApi.Image(TestPhotos.Listing), "photos", "x.jpg" } })
            Assert.Equal(HttpStatusCode.NotFound, (await a.PostApiAsync("/merchant/products", "/api/v1/products/B-SKU/reference-photos", photos)).StatusCode);
        using (var files = new MultipartFormDataContent { { DeskApi.Image(TestPhotos.Listing), "files", "x.jpg" } })
            Assert.Equal(HttpStatusCode.NotFound, (await a.PostApiAsync("/merchant/orders", "/api/v1/orders/B-ORDER/packing-media", files)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await a.PostFormAsync("/merchant/settings/webhooks", $"/merchant/settings/webhooks?handler=delete&id={hookBId}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await a.PostFormAsync("/merchant/settings/keys", $"/merchant/settings/keys?handler=revoke&id={keyBId}", [])).StatusCode);

        var list = await a.Client.GetStringAsync("/merchant/claims?status=all");
        Assert.Contains("A-ORDER", list, StringComparison.Ordinal);
        Assert.DoesNotContain("B-ORDER", list, StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.AwaitingMerchant, await desk.WithDbAsync(db => db.Claims.Where(c => c.Id == claimB).Select(c => c.Status).SingleAsync()));
        Assert.True(await desk.WithDbAsync(db => db.WebhookSubscriptions.Where(s => s.Id == hookBId).Select(s => s.Active).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Respond_OnlyWhileTheStateMachineAllows_ThenMovesTheClaimToReview(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var api = desk.ClientFor(desk.MerchantA.Key);
        await api.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await api.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var id = await api.FileClaimOkAsync("A-1", "LOCK-S1", 899m, TestPhotos.Forged);
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");
        var page = $"/merchant/claims/{id}";

        // Still analysing: no form, and a POST made anyway is refused with the reason.
        Assert.DoesNotContain("handler=Respond", await a.Client.GetStringAsync(page), StringComparison.OrdinalIgnoreCase);
        var early = await RespondAsync(a, page, "too early");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("这张售后单现在不能回复", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await desk.DrainAsync();
        var open = await a.Client.GetStringAsync(page);
        Assert.Contains("handler=Respond", open, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("很可能被篡改", open, StringComparison.Ordinal);
        var empty = await RespondAsync(a, page, "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请写下您的回复", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sent = await RespondAsync(a, page, "这是我们的主图加了裂纹", TestPhotos.Listing);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var claim = await desk.WithDbAsync(db => db.Claims.Include(c => c.Responses).SingleAsync(c => c.Id == id));
        Assert.Equal(ClaimStatus.InReview, claim.Status);
        var response = Assert.Single(claim.Responses);
        Assert.Equal("user:a@shop", response.Actor);
        Assert.Single(response.EvidenceSha256);
        var idText = id.ToString();
        Assert.True(await desk.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "claim.merchant_responded" && e.SubjectId == idText)));

        var again = await RespondAsync(a, page, "twice");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await desk.WithDbAsync(db => db.MerchantResponses.Where(r => r.ClaimId == id).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Settings_BadTimeZoneAndNegativeWindow_NameTheFields_GoodValuesAreSavedAndAudited(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");
        Dictionary<string, string> Form(string responseHours, string zone) => new()
        {
            ["ResponseWindowHours"] = responseHours, ["ReviewWindowHours"] = "24", ["AutoApproveMaxAmount"] = "80",
            ["AutoApproveMaxRisk"] = "15", ["AutoApproveMaxForgedRejections"] = "0", ["TimeZone"] = zone,
        };

        var bad = await a.PostFormAsync("/merchant/settings", "/merchant/settings", Form("-5", "Mars/Olympus_Mons"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(["ResponseWindowHours", "TimeZone"], FieldErrors().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Contains("时区无效", html, StringComparison.Ordinal);
        var unchanged = await SettingsOfAsync(desk, desk.MerchantA.MerchantId);
        Assert.Equal(TimeSpan.FromHours(48), unchanged.ResponseWindow);
        Assert.Equal("Asia/Shanghai", unchanged.TimeZone);

        var good = await a.PostFormAsync("/merchant/settings", "/merchant/settings", Form("72", "Europe/Berlin"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await SettingsOfAsync(desk, desk.MerchantA.MerchantId);
        Assert.Equal(TimeSpan.FromHours(72), saved.ResponseWindow);
        Assert.Equal(80m, saved.AutoApproveMaxAmount);
        Assert.Equal(15, saved.AutoApproveMaxRisk);
        Assert.Equal("Europe/Berlin", saved.TimeZone);
        var merchantText = desk.MerchantA.MerchantId.ToString();
        Assert.True(await desk.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "merchant.settings_changed" && e.SubjectId == merchantText)));
        Assert.Equal(TimeSpan.FromHours(48), (await SettingsOfAsync(desk, desk.MerchantB.MerchantId)).ResponseWindow);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ApiKey_Created_IsShownOnceStoredAsHash_WorksUntilRevoked(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        var created = await a.PostFormAsync("/merchant/settings/keys", "/merchant/settings/keys?handler=create", new() { ["Name"] = "ERP 对接" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var key = ShownKey().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("clk_", key, StringComparison.Ordinal);
        var stored = await desk.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "ERP 对接"));
        Assert.Equal(ApiKeyAuthentication.Hash(key), stored.SecretHash);
        Assert.Equal(key[..12], stored.Prefix);
        Assert.Equal(desk.MerchantA.MerchantId, stored.MerchantId);
        Assert.DoesNotContain(key, System.Text.Json.JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        // The list shows the prefix only, never the key again.
        var list = await a.Client.GetStringAsync("/merchant/settings/keys");
        Assert.Contains(stored.Prefix, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);

        var withKey = desk.ClientFor(key);
        var product = await withKey.PostAsJsonAsync("/api/v1/products", new { sku = "K-1", brand = "B", name = "N" });
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);

        var revoked = await a.PostFormAsync("/merchant/settings/keys", $"/merchant/settings/keys?handler=revoke&id={stored.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/v1/products/K-1")).StatusCode);
        var keyText = stored.Id.ToString();
        Assert.True(await desk.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "api_key.revoked" && e.SubjectId == keyText)));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CreateProduct_EmptyAndDuplicate_ErrorsPerFieldInThePagesLanguage(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await desk.ClientFor(desk.MerchantA.Key).CreateProductAsync("TAKEN");
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        var empty = await a.PostFormAsync("/merchant/products", "/merchant/products", new() { ["Sku"] = "", ["Brand"] = " ", ["Name"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Equal(["brand", "name", "sku"], FieldErrors().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Contains("请填写品牌。", html, StringComparison.Ordinal);

        var taken = await a.PostFormAsync("/merchant/products?culture=en", "/merchant/products?culture=en", new() { ["Sku"] = "TAKEN", ["Brand"] = "B", ["Name"] = "N" });
        Assert.Contains("A product with this SKU exists already.", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var made = await a.PostFormAsync("/merchant/products", "/merchant/products", new() { ["Sku"] = "NEW-1", ["Brand"] = "B", ["Name"] = "N" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal("/merchant/products/NEW-1", made.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task OrderPage_MasksThePhone_ShowsTheLink_PollsUntilAVideosFramesExist(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var api = desk.ClientFor(desk.MerchantA.Key);
        await api.CreateProductAsync("LOCK-S1");
        await api.CreateOrderAsync("A-1", "LOCK-S1", Delivered, phone: "13912345678");
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        var page = await a.Client.GetStringAsync("/merchant/orders/A-1");
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.Contains("139****5678", page, StringComparison.Ordinal);
        var token = await desk.WithDbAsync(db => db.Orders.Select(o => o.BuyerLinkToken).SingleAsync());
        Assert.Contains($"/buyer/orders/{token}", page, StringComparison.Ordinal);

        using var scene1 = Orders.TestVideos.Scene(1);
        using var scene2 = Orders.TestVideos.Scene(2);
        var video = Orders.TestVideos.Scenes([scene1, scene2], secondsEach: 1.5);
        using (var files = new MultipartFormDataContent { { DeskApi.Image(video, "video/mp4"), "files", "packing.mp4" } })
            Assert.Equal(HttpStatusCode.Created, (await a.PostApiAsync("/merchant/orders", "/api/v1/orders/A-1/packing-media", files)).StatusCode);

        var waiting = await a.Client.GetStringAsync("/merchant/orders/A-1?handler=packing");
        Assert.Contains("hx-trigger=\"load delay:3s\"", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("/media/frames/", waiting, StringComparison.Ordinal);

        await desk.DrainAsync();
        var done = await a.Client.GetStringAsync("/merchant/orders/A-1?handler=packing");
        Assert.DoesNotContain("hx-trigger=\"load delay:3s\"", done, StringComparison.Ordinal);
        var frameIds = await desk.WithDbAsync(db => db.PackingMedia.Where(m => m.SourceMediaId != null).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(frameIds);
        Assert.All(frameIds, id => Assert.Contains($"/media/frames/{id}/thumb", done, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ClaimsList_MostUrgentFirst_OverdueMarked_InBothLanguages(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var api = desk.ClientFor(desk.MerchantA.Key);
        await api.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        var due = new Dictionary<string, TimeSpan> { ["LATER"] = TimeSpan.FromHours(30), ["OVERDUE"] = TimeSpan.FromHours(-1), ["SOON"] = TimeSpan.FromHours(5) };
        var ids = new Dictionary<string, Guid>();
        foreach (var orderNo in due.Keys)
        {
            await api.CreateOrderAsync(orderNo, "LOCK-S1", Delivered);
            ids[orderNo] = await api.FileClaimOkAsync(orderNo, "LOCK-S1", 899m, TestPhotos.Forged);
        }
        await desk.DrainAsync();
        var now = desk.Clock.GetUtcNow();
        await desk.WithDbAsync(async db =>
        {
            foreach (var (orderNo, left) in due)
            {
                var claim = await db.Claims.SingleAsync(c => c.Id == ids[orderNo]);
                Assert.Equal(ClaimStatus.AwaitingMerchant, claim.Status);
                claim.ResponseDueAt = now + left;
            }
            return await db.SaveChangesAsync();
        });
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        var html = await a.Client.GetStringAsync("/merchant/claims");
        var order = OrderLinks().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["OVERDUE", "SOON", "LATER"], order);
        Assert.Contains("class=\"overdue\"", html, StringComparison.Ordinal);
        Assert.Contains("已超时 1 小时 0 分", html, StringComparison.Ordinal);
        var english = await a.Client.GetStringAsync("/merchant/claims?culture=en");
        Assert.Contains("Time left to respond", english, StringComparison.Ordinal);
        Assert.Contains("1 h 0 min overdue", english, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Webhooks_AddedOnThePage_SecretShownOnce_DeletedStops_BothAudited(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@shop");

        var bad = await a.PostFormAsync("/merchant/settings/webhooks", "/merchant/settings/webhooks?handler=add", new() { ["HookUrl"] = "ftp://x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("这个网址不能使用", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await a.PostFormAsync("/merchant/settings/webhooks", "/merchant/settings/webhooks?handler=add",
            new() { ["HookUrl"] = "https://erp.example.com/claimlens", ["Events"] = "claim.status_changed" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var secret = ShownSecret().Match(await added.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(secret);
        var subscription = await desk.WithDbAsync(db => db.WebhookSubscriptions.SingleAsync());
        Assert.Equal(desk.MerchantA.MerchantId, subscription.MerchantId);
        Assert.DoesNotContain(secret, subscription.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await a.Client.GetStringAsync("/merchant/settings/webhooks"), StringComparison.Ordinal);

        var deleted = await a.PostFormAsync("/merchant/settings/webhooks", $"/merchant/settings/webhooks?handler=delete&id={subscription.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await desk.WithDbAsync(db => db.WebhookSubscriptions.Select(s => s.Active).SingleAsync()));
        var actions = await desk.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectType == "webhook").Select(e => e.Action).ToListAsync());
        Assert.Equal(["webhook.deleted", "webhook.subscribed"], actions.Order(StringComparer.Ordinal));
    }

    private static async Task<HttpResponseMessage> RespondAsync(PageSession session, string page, string text, params byte[][] evidence)
    {
        using var form = new MultipartFormDataContent { { new StringContent(text), "Text" } };
        foreach (var photo in evidence)
            form.Add(DeskApi.Image(photo), "evidence", "proof.jpg");
        return await session.PostMultipartAsync("/merchant/claims", page + "?handler=respond", form);
    }

    private static Task<MerchantSettings> SettingsOfAsync(DeskHost desk, Guid merchant) =>
        desk.WithDbAsync(db => db.Merchants.AsNoTracking().Where(m => m.Id == merchant).Select(m => m.Settings).SingleAsync());

    [GeneratedRegex("class=\"field-error\" id=\"([A-Za-z]+)-error\"")]
    private static partial Regex FieldErrors();

    [GeneratedRegex("<td><a href=\"/merchant/claims/[0-9a-f-]{36}\">([A-Z]+)</a>")]
    private static partial Regex OrderLinks();

    [GeneratedRegex("id=\"new-secret\" value=\"([^\"]+)\"")]
    private static partial Regex ShownSecret();

    [GeneratedRegex("id=\"new-key\" value=\"(clk_[^\"]+)\"")]
    private static partial Regex ShownKey();
}
