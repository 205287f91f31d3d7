using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Claims;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Accounts;

/// <summary>A merchant's key never reads or changes another merchant's products, orders, claims or media.</summary>
public sealed class TenantIsolationTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AnotherMerchantsKey_GetsNotFound_OnEveryRecordOfMerchantA(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var b = desk.ClientFor(desk.MerchantB.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, a);
        await desk.DrainAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/claims/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/v1/products/LOCK-S1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/v1/orders/A-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.RespondAsync(id, "not mine")).StatusCode);
        using (var form = new MultipartFormDataContent { { DeskApi.Image(TestPhotos.Listing), "photos", "x.jpg" } })
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync("/api/v1/products/LOCK-S1/reference-photos", form)).StatusCode);
        using (var form = new MultipartFormDataContent { { DeskApi.Image(TestPhotos.Listing), "files", "x.jpg" } })
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync("/api/v1/orders/A-1/packing-media", form)).StatusCode);

        // Filing on A's order with B's key: the order does not exist for B.
        var filed = await b.FileClaimAsync("A-1", "LOCK-S1", 10m, TestPhotos.Forged);
        Assert.Equal(HttpStatusCode.BadRequest, filed.StatusCode);
        Assert.True((await filed.ProblemAsync()).GetProperty("errors").TryGetProperty("orderNo", out _));

        // B may reuse A's SKU and order number for its own records.
        await b.CreateProductAsync("LOCK-S1");
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/v1/products/LOCK-S1")).StatusCode);

        // A's claim is untouched by all of it.
        var claim = await a.GetClaimAsync(id);
        Assert.Equal("awaiting_merchant", claim.GetProperty("status").GetString());
        Assert.Empty(claim.GetProperty("merchantResponses").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Keys_AreCheckedForRole_AndUnknownKeysAreRefused(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/review-queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.DecideAsync(Guid.NewGuid(), "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.ClientFor(desk.ReviewerKey).PostAsJsonAsync("/api/v1/products", new { sku = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.ClientFor("clk_not-a-real-key").GetAsync("/api/v1/products/X")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().GetAsync("/api/v1/products/X")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task BuyerStanding_IsSharedAcrossMerchants_ByKeyedHash(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var b = desk.ClientFor(desk.MerchantB.Key);
        var first = await ClaimLifecycleTests.FileForgedClaimAsync(desk, a);
        await desk.DrainAsync();
        await a.RespondAsync(first, "forged");
        await desk.ClientFor(desk.ReviewerKey).DecideAsync(first, "reject", "forged_evidence", "forged from the listing photo");

        // The same buyer (same phone, written differently) buys from B and claims there.
        await b.CreateProductAsync("KETTLE", TestPhotos.Unrelated(30));
        await b.CreateOrderAsync("B-1", "KETTLE", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero), phone: "+86 138-0013-8000", unitPrice: 20m);
        var second = await b.FileClaimOkAsync("B-1", "KETTLE", 20m, TestPhotos.Unrelated(31));
        await desk.DrainAsync();

        var claim = await b.GetClaimAsync(second);
        Assert.Equal(1, claim.GetProperty("buyerStanding").GetProperty("rejectedForForgedEvidence").GetInt32());
        Assert.Equal(2, claim.GetProperty("buyerStanding").GetProperty("claimsLast90Days").GetInt32());
        // Clean photo and small amount, but a forged-evidence rejection elsewhere: no automatic approval.
        Assert.Equal("no_manipulation_found", claim.GetProperty("verdict").GetString());
        Assert.Equal("awaiting_merchant", claim.GetProperty("status").GetString());
        Assert.DoesNotContain("13800138000", claim.GetRawText(), StringComparison.Ordinal);
    }
}
