using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Orders;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Review;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>The buyer's pages behind an order link, on SQLite and on PostgreSQL: live capture decided by the server,
/// the link as the only permission, and errors in the buyer's language.</summary>
public sealed class BuyerPagesTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task FileClaim_LivePhotoWithItsOrdersSession_IsStoredCapturedLiveWithCodeAndTime_GalleryPhotoUploaded(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var buyer = await BuyerAsync(desk, "B-1");
        await buyer.OpenFormAsync();
        var (session, code) = await buyer.StartCaptureAsync();
        desk.Clock.Advance(TimeSpan.FromSeconds(40));
        var takenAt = desk.Clock.GetUtcNow().AddSeconds(-5);

        var response = await buyer.FileAsync("LOCK-S1", "899.00",
            [(TestPhotos.Unrelated(1), "live-1.jpg", session, takenAt.ToUnixTimeMilliseconds()), (TestPhotos.Unrelated(2), "IMG_2.jpg", null, null)]);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var next = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirect").GetString()!;
        Assert.StartsWith($"/buyer/orders/{buyer.Token}/claims/", next, StringComparison.Ordinal);
        var photos = await desk.WithDbAsync(db => db.EvidencePhotos.AsNoTracking().OrderBy(p => p.Ordinal).ToListAsync());
        Assert.Equal(EvidenceSource.CapturedLive, photos[0].Source);
        Assert.Equal(code, photos[0].CaptureCode);
        Assert.Equal(takenAt, photos[0].CapturedAt);
        Assert.Equal(EvidenceSource.Uploaded, photos[1].Source);
        Assert.Null(photos[1].CaptureCode);
        Assert.Equal("buyer:B-1", await desk.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "claim.filed").Select(a => a.Actor).SingleAsync()));
        Assert.Equal(1, await desk.WithDbAsync(db => db.CaptureSessions.Where(s => s.Id == session).Select(s => s.PhotosUsed).SingleAsync()));

        var status = await buyer.Http.GetStringAsync(next);
        Assert.Contains("分析中", status, StringComparison.Ordinal);
        Assert.Contains("现场拍摄", status, StringComparison.Ordinal);
        Assert.Contains(code, status, StringComparison.Ordinal);
        Assert.Contains("相册上传", status, StringComparison.Ordinal);
        // htmx polls the panel: nothing to swap while the status is the one shown, the new panel once it moved.
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Http.GetAsync(next + "?handler=panel&seen=Analyzing")).StatusCode);
        await desk.DrainAsync();
        var moved = await buyer.Http.GetAsync(next + "?handler=panel&seen=Analyzing");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("等待商家回复", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The reviewer reads the code and the capture time (in the merchant's zone, Asia/Shanghai) beside the photo.
        var reviewer = await desk.SignedInAsync("reviewer-live", Role.Reviewer);
        var page = await reviewer.GetStringAsync($"/review/claims/{photos[0].ClaimId}");
        var shanghai = TimeZoneInfo.ConvertTime(takenAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Contains($"验证码 {code} · {shanghai:yyyy-MM-dd HH:mm}", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task FileClaim_ForeignExpiredOrMadeUpSession_IsStoredAsUploaded(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var buyer = await BuyerAsync(desk, "B-1");
        var other = await BuyerAsync(desk, "B-2", createProduct: false);
        await buyer.OpenFormAsync();
        await other.OpenFormAsync();
        var (foreign, _) = await other.StartCaptureAsync();
        var now = desk.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        // Another order's code, then a session id nobody issued: both are the client's word only.
        var response = await buyer.FileAsync("LOCK-S1", "899.00",
            [(TestPhotos.Unrelated(1), "a.jpg", foreign, now), (TestPhotos.Unrelated(2), "b.jpg", Guid.CreateVersion7(), now)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (expiring, _) = await buyer.StartCaptureAsync();
        desk.Clock.Advance(CaptureSession.Lifetime + TimeSpan.FromSeconds(1));
        response = await buyer.FileAsync("LOCK-S1", "899.00", [(TestPhotos.Unrelated(3), "c.jpg", expiring, now)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var photos = await desk.WithDbAsync(db => db.EvidencePhotos.AsNoTracking().ToListAsync());
        Assert.Equal(3, photos.Count);
        Assert.All(photos, p => Assert.Equal(EvidenceSource.Uploaded, p.Source));
        Assert.All(photos, p => Assert.Null(p.CaptureCode));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task BuyerPages_UnknownOrMalformedToken_AnswerTheSameFriendly404(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await BuyerAsync(desk, "B-1");
        using var http = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var unknown = BuyerLink.NewToken();

        foreach (var path in new[]
        {
            $"/buyer/orders/{unknown}", "/buyer/orders/not-a-token", $"/buyer/orders/{unknown}/claim", "/buyer/orders/x'--/claim",
            $"/buyer/orders/{unknown}/claims/{Guid.CreateVersion7()}", $"/buyer/orders/{unknown}/claims/{Guid.CreateVersion7()}?handler=panel",
        })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var known = await (await http.GetAsync($"/buyer/orders/{unknown}")).Content.ReadAsStringAsync();
        var malformed = await (await http.GetAsync("/buyer/orders/abc")).Content.ReadAsStringAsync();
        Assert.Contains("找不到这个页面", known, StringComparison.Ordinal);
        Assert.Equal(Heading(known), Heading(malformed));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task StatusPage_ClaimOfAnotherOrderUnderThisToken_Is404(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var mine = await BuyerAsync(desk, "B-1");
        var theirs = await BuyerAsync(desk, "B-2", createProduct: false);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await merchant.FileClaimOkAsync("B-2", "LOCK-S1", 899m, TestPhotos.Unrelated(4));

        Assert.Equal(HttpStatusCode.OK, (await theirs.Http.GetAsync($"{theirs.OrderPath}/claims/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.Http.GetAsync($"{mine.OrderPath}/claims/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.Http.GetAsync($"{mine.OrderPath}/claims/{id}?handler=panel")).StatusCode);
        await mine.OpenFormAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await mine.AddEvidenceAsync(id, [(TestPhotos.Unrelated(5), "x.jpg", null, null)])).StatusCode);
        Assert.DoesNotContain(id.ToString(), await mine.Http.GetStringAsync(mine.OrderPath), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task FileClaim_TextFileAsPhotoAndAmountAboveTheLine_EachFieldErrorInTheBuyersLanguage_NothingFiled(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var buyer = await BuyerAsync(desk, "B-1");
        await buyer.OpenFormAsync();
        var notes = Encoding.UTF8.GetBytes("these are my notes, not a photo");

        // Bad input tried: a text file named .jpg beside a good photo, and an amount above the line's 899.00.
        var zh = await buyer.FileAsync("LOCK-S1", "900", [(TestPhotos.Unrelated(1), "ok.jpg", null, null), (notes, "notes.jpg", null, null)]);
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var errors = (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("不是图片", errors.GetProperty("photos[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("不能超过", errors.GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("photos[0]", out _));

        var en = await buyer.FileAsync("LOCK-S1", "899", [(notes, "notes.jpg", null, null)], reasonCode: "nonsense", path: buyer.OrderPath + "/claim?culture=en");
        errors = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("is not a picture", errors.GetProperty("photos[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Choose a reason", errors.GetProperty("reason")[0].GetString());
        Assert.Equal(0, await desk.WithDbAsync(db => db.Claims.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task StatusPage_MoreEvidenceAsked_BuyerAddsALivePhoto_ClaimIsAnalysedAgainAsRoundTwo(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var buyer = await BuyerAsync(desk, "B-1");
        await buyer.OpenFormAsync();
        var filed = await buyer.FileAsync("LOCK-S1", "899.00", [(TestPhotos.Unrelated(1), "a.jpg", null, null)]);
        var next = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirect").GetString()!;
        var id = Guid.Parse(next[(next.LastIndexOf('/') + 1)..]);
        await desk.DrainAsync();
        Assert.Equal(HttpStatusCode.OK, (await desk.ClientFor(desk.MerchantA.Key).RespondAsync(id, "please check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.ClientFor(desk.ReviewerKey).DecideAsync(id, "request_evidence", note: "请拍摄整个包装 / photograph the parcel")).StatusCode);

        var page = await buyer.OpenFormAsync(next);
        Assert.Contains("需要补充证据", page, StringComparison.Ordinal);
        Assert.Contains("请拍摄整个包装", page, StringComparison.Ordinal);
        var (session, code) = await buyer.StartCaptureAsync(next);
        var added = await buyer.AddEvidenceAsync(id, [(TestPhotos.Unrelated(2), "live-2.jpg", session, desk.Clock.GetUtcNow().ToUnixTimeMilliseconds())]);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var claim = await desk.WithDbAsync(db => db.Claims.AsNoTracking().Include(c => c.Photos).SingleAsync(c => c.Id == id));
        Assert.Equal(ClaimStatus.Analyzing, claim.Status);
        Assert.Null(claim.EvidenceToken);
        var round2 = Assert.Single(claim.Photos, p => p.Round == 2);
        Assert.Equal((EvidenceSource.CapturedLive, code), (round2.Source, round2.CaptureCode));
        // Asked once, answered once: a second round is refused until a reviewer asks again.
        Assert.Equal(HttpStatusCode.Conflict, (await buyer.AddEvidenceAsync(id, [(TestPhotos.Unrelated(3), "again.jpg", null, null)])).StatusCode);
    }

    [Fact]
    public async Task BuyerLanding_ExplainsThatTheOrderLinkIsTheWayIn()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        using var http = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await http.GetStringAsync("/buyer");

        Assert.Contains("通过订单链接申请售后", page, StringComparison.Ordinal);
        Assert.Contains("Use your order link", await http.GetStringAsync("/buyer?culture=en"), StringComparison.Ordinal);
    }

    private static async Task<BuyerLinkClient> BuyerAsync(DeskHost desk, string orderNo, bool createProduct = true)
    {
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        if (createProduct)
            await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync(orderNo, "LOCK-S1", Delivered);
        var token = await desk.WithDbAsync(db => db.Orders.Where(o => o.OrderNo == orderNo).Select(o => o.BuyerLinkToken).SingleAsync());
        return new BuyerLinkClient(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), token!);
    }

    private static string Heading(string html)
    {
        var start = html.IndexOf("<h1>", StringComparison.Ordinal);
        return html[start..html.IndexOf("</h1>", start, StringComparison.Ordinal)];
    }
}
