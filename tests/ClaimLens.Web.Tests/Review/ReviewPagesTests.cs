using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Review;

/// <summary>The reviewer's and admin's pages on a real desk, on SQLite and on PostgreSQL.</summary>
public sealed partial class ReviewPagesTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ClaimPage_ReviewerBoundToAnotherMerchant_Gets404ForPageAndDecision(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var claimOfB = await ClaimInReviewAsync(desk, desk.MerchantB.Key, "B-1");
        var reviewerOfA = await desk.SignedInAsync("reviewer-a", Role.Reviewer, desk.MerchantA.MerchantId);
        var reviewerOfB = await desk.SignedInAsync("reviewer-b", Role.Reviewer, desk.MerchantB.MerchantId);

        // The same page opens for B's own reviewer, so the 404 below is the tenant check, not a broken page.
        Assert.Equal(HttpStatusCode.OK, (await reviewerOfB.GetAsync($"/review/claims/{claimOfB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewerOfA.GetAsync($"/review/claims/{claimOfB}")).StatusCode);
        var token = await DeskPages.TokenAsync(reviewerOfA, "/review");
        var post = await reviewerOfA.PostFormAsync($"/review/claims/{claimOfB}?handler=decide", token,
            ("decision", "approve"), ("note", "tried across tenants"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(ClaimStatus.InReview, await desk.WithDbAsync(db => db.Claims.Where(c => c.Id == claimOfB).Select(c => c.Status).SingleAsync()));
        // A's reviewer's queue does not list B's claim either.
        Assert.DoesNotContain(claimOfB.ToString(), await reviewerOfA.GetStringAsync("/review"), StringComparison.Ordinal);
        Assert.Contains(claimOfB.ToString(), await reviewerOfB.GetStringAsync("/review"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Decide_ThroughThePage_SameStateAuditAndWebhookAsTheApi(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await desk.ClientFor(desk.MerchantA.Key).PostAsJsonAsync("/api/v1/webhooks",
            new { url = "http://127.0.0.1:9/hook", events = new[] { "claim.status_changed" } });
        var byApi = await ClaimInReviewAsync(desk, desk.MerchantA.Key, "A-1");
        var byPage = await ClaimInReviewAsync(desk, desk.MerchantA.Key, "A-2");
        const string Note = "照片由商品主图伪造 / made from the listing photo";

        var api = await desk.ClientFor(desk.ReviewerKey).DecideAsync(byApi, "reject", "forged_evidence", Note);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var reviewer = await desk.SignedInAsync("reviewer-1", Role.Reviewer);
        var html = await reviewer.GetStringAsync($"/review/claims/{byPage}");
        Assert.Contains("data-code=\"derived_from_reference\"", html, StringComparison.Ordinal);
        // The token of the reject form itself, as the browser posts it.
        var token = System.Net.WebUtility.HtmlDecode(FormToken().Match(html[html.IndexOf("id=\"reject-form\"", StringComparison.Ordinal)..]).Groups[1].Value);
        var page = await reviewer.PostFormAsync($"/review/claims/{byPage}?handler=decide", token,
            ("decision", "reject"), ("reason", "forged_evidence"), ("note", Note));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        var claims = await desk.WithDbAsync(db => db.Claims.AsNoTracking().Where(c => c.Id == byApi || c.Id == byPage).ToDictionaryAsync(c => c.Id));
        foreach (var claim in claims.Values)
        {
            Assert.Equal(ClaimStatus.Rejected, claim.Status);
            Assert.Equal(DecisionReason.ForgedEvidence, claim.DecisionReason);
            Assert.Equal(Note, claim.DecisionNote);
            Assert.Equal(desk.Clock.GetUtcNow(), claim.DecidedAt);
        }
        Assert.Equal("user:reviewer-1", claims[byPage].DecidedBy);
        var audit = await desk.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "claim.decided").ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Equal(audit.Single(a => a.SubjectId == byApi.ToString()).Data, audit.Single(a => a.SubjectId == byPage.ToString()).Data);
        var deliveries = await desk.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Select(d => d.PayloadJson).ToListAsync());
        foreach (var id in new[] { byApi, byPage })
        {
            var payload = deliveries.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("data"))
                .Single(d => d.GetProperty("claimId").GetGuid() == id && d.GetProperty("to").GetString() == "rejected");
            Assert.Equal("forged_evidence", payload.GetProperty("decision").GetString());
        }
        var verify = await desk.ClientFor(desk.AdminKey).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Decide_InvalidThroughThePage_ShowsWhy(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var id = await ClaimInReviewAsync(desk, desk.MerchantA.Key, "A-1");
        var reviewer = await desk.SignedInAsync("reviewer-1", Role.Reviewer);
        var token = await DeskPages.TokenAsync(reviewer, $"/review/claims/{id}");

        // Tried: a rejection without a reason and without a note.
        var missing = await reviewer.PostFormAsync($"/review/claims/{id}?handler=decide", token, ("decision", "reject"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("驳回时请选择理由。", html, StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.InReview, await desk.WithDbAsync(db => db.Claims.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        // Tried: approving a claim that another reviewer has just rejected.
        Assert.Equal(HttpStatusCode.OK, (await desk.ClientFor(desk.ReviewerKey).DecideAsync(id, "reject", "other", "no")).StatusCode);
        var late = await reviewer.PostFormAsync($"/review/claims/{id}?handler=decide", token, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var reason = new InvalidTransitionException(ClaimStatus.Rejected, ClaimTrigger.Approve).Message;
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.Rejected, await desk.WithDbAsync(db => db.Claims.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AdminPages_NonAdmin_AreRefused(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var reviewer = await desk.SignedInAsync("reviewer-1", Role.Reviewer);
        var admin = await desk.SignedInAsync("admin-1", Role.Admin);
        var anonymous = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/merchants", "/admin/audit" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
            var refused = await reviewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", refused.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
            var signedOut = await anonymous.GetAsync(path);
            Assert.Contains("/account/login", signedOut.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
        // A merchant's person cannot open the review pages either.
        var merchant = await desk.SignedInAsync("merchant-1", Role.Merchant, desk.MerchantA.MerchantId);
        Assert.Equal(HttpStatusCode.Redirect, (await merchant.GetAsync("/review")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AdminCreatesUser_ThatUserSignsInWithTheShownPassword(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var admin = await desk.SignedInAsync("admin-1", Role.Admin);
        var token = await DeskPages.TokenAsync(admin, "/admin/users");

        var created = await admin.PostFormAsync("/admin/users?handler=create", token,
            ("userName", "new-reviewer"), ("displayName", "新审核员"), ("role", "Reviewer"), ("merchantId", desk.MerchantA.MerchantId.ToString()));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var password = IssuedPassword().Match(await created.Content.ReadAsStringAsync());
        Assert.True(password.Success, "the page shows the generated password once");

        var newcomer = await desk.SignInAsync("new-reviewer", password.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/review")).StatusCode);
        var entry = await desk.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "user.created"));
        Assert.Equal("user:admin-1", entry.Actor);
        Assert.Equal(desk.MerchantA.MerchantId, entry.MerchantId);

        // Tried: a merchant user without a merchant is refused with a reason, and no user is made.
        var refused = await admin.PostFormAsync("/admin/users?handler=create", token,
            ("userName", "orphan"), ("displayName", "x"), ("role", "Merchant"), ("merchantId", ""));
        Assert.Contains("商家用户必须指定商家。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await desk.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "orphan")));

        // Tried: a technician made here, with no technician record behind it: refused (the repair tenant makes those).
        var technician = await admin.PostFormAsync("/admin/users?handler=create", token,
            ("userName", "loose-tech"), ("displayName", "x"), ("role", "Technician"), ("merchantId", desk.MerchantA.MerchantId.ToString()));
        Assert.Contains("维修师傅的登录由服务商在维修台为其师傅创建。", await technician.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await desk.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "loose-tech")));
    }

    /// <summary>A claim of the merchant behind <paramref name="merchantKey"/> with a forged photo, analysed and answered,
    /// so it is in review.</summary>
    private static async Task<Guid> ClaimInReviewAsync(DeskHost desk, string merchantKey, string orderNo)
    {
        var merchant = desk.ClientFor(merchantKey);
        if ((await merchant.GetAsync("/api/v1/products/LOCK-S1")).StatusCode == HttpStatusCode.NotFound)
            await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync(orderNo, "LOCK-S1", Delivered);
        var id = await merchant.FileClaimOkAsync(orderNo, "LOCK-S1", 899m, TestPhotos.Forged);
        await desk.DrainAsync();
        Assert.Equal(HttpStatusCode.OK, (await merchant.RespondAsync(id, "主图加了裂纹 / our listing photo with a crack")).StatusCode);
        return id;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("data-issued-password>([^<]+)<")]
    private static partial Regex IssuedPassword();
}
