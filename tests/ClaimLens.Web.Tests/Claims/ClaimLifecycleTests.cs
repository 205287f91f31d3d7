using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>Deadlines, requests for evidence and refused moves.</summary>
public sealed class ClaimLifecycleTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ResponseWindow_WhenItRunsOut_MovesTheClaimToReview(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await FileForgedClaimAsync(desk, merchant);
        await desk.DrainAsync();

        // Moving the fake clock also fires the desk's own watcher; whichever runs first moves the claim, once.
        desk.Clock.Advance(TimeSpan.FromHours(47));
        await desk.WithDbAsync(db => Web.Claims.ResponseWindowWatcher.ExpireDueAsync(db, desk.Clock, CancellationToken.None));
        Assert.Equal("awaiting_merchant", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());

        desk.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await desk.WithDbAsync(db => Web.Claims.ResponseWindowWatcher.ExpireDueAsync(db, desk.Clock, CancellationToken.None));
        Assert.Equal(1, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "claim.response_window_expired")));
        var claim = await merchant.GetClaimAsync(id);
        Assert.Equal("in_review", claim.GetProperty("status").GetString());
        Assert.Equal(desk.Clock.GetUtcNow().AddHours(24), claim.GetProperty("reviewDueAt").GetDateTimeOffset());

        // The window is closed: a late answer is refused with the reason, and the claim stays where it is.
        var late = await merchant.RespondAsync(id, "too late");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("in_review", (await late.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task RequestEvidence_BuyerAddsPhotosWithTheLink_ClaimIsAnalysedAgainAndReturnsToReview(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await FileForgedClaimAsync(desk, merchant);
        await desk.DrainAsync();
        Assert.Equal(HttpStatusCode.OK, (await merchant.RespondAsync(id, "please check")).StatusCode);

        var reviewer = desk.ClientFor(desk.ReviewerKey);
        var asked = await reviewer.DecideAsync(id, "request_evidence", note: "请拍摄整个包装 / photograph the whole parcel");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var token = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("evidenceToken").GetString()!;

        using var anonymous = desk.CreateClient();
        using (var wrong = Form("not-the-token", TestPhotos.Unrelated(5)))
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/v1/claims/{id}/evidence", wrong)).StatusCode);
        using (var right = Form(token, TestPhotos.Unrelated(5)))
            Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsync($"/api/v1/claims/{id}/evidence", right)).StatusCode);
        // The link works once.
        using (var again = Form(token, TestPhotos.Unrelated(6)))
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/v1/claims/{id}/evidence", again)).StatusCode);

        Assert.Equal("analyzing", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
        Assert.Equal(1, await desk.DrainAsync());
        var claim = await merchant.GetClaimAsync(id);
        Assert.Equal("in_review", claim.GetProperty("status").GetString());
        Assert.Equal([1, 2], claim.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("round").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Decision_OnAClaimNotInReview_Is409WithTheReason_AndChangesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await FileForgedClaimAsync(desk, merchant);
        await desk.DrainAsync();

        var response = await desk.ClientFor(desk.ReviewerKey).DecideAsync(id, "approve");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("awaiting_merchant", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting_merchant", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Decision_WithBadFields_NamesEveryOne(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await FileForgedClaimAsync(desk, merchant);

        var response = await desk.ClientFor(desk.ReviewerKey).PostAsJsonAsync($"/api/v1/claims/{id}/decision", new { action = "reject", reason = "because" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reason", out _));
        Assert.True(errors.TryGetProperty("note", out _));
    }

    internal static async Task<Guid> FileForgedClaimAsync(DeskHost desk, HttpClient merchant, string orderNo = "A-1")
    {
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync(orderNo, "LOCK-S1", Delivered);
        return await merchant.FileClaimOkAsync(orderNo, "LOCK-S1", 899m, TestPhotos.Forged);
    }

    private static MultipartFormDataContent Form(string token, byte[] photo) =>
        new() { { new StringContent(token), "token" }, { DeskApi.Image(photo), "photos", "more.jpg" } };
}
