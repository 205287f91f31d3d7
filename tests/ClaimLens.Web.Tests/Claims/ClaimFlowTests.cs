using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>Claims from intake to decision through the real API, on SQLite and on PostgreSQL.</summary>
public sealed class ClaimFlowTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ForgedPhoto_IsFoundDerived_GoesToMerchantThenReview_AndRejectionCountsAgainstTheBuyer(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);

        var id = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 899m, TestPhotos.Forged);
        Assert.Equal("analyzing", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
        Assert.Equal(1, await desk.DrainAsync());

        var claim = await merchant.GetClaimAsync(id);
        Assert.Equal("awaiting_merchant", claim.GetProperty("status").GetString());
        Assert.Equal("likely_manipulated", claim.GetProperty("verdict").GetString());
        Assert.Equal(desk.Clock.GetUtcNow().AddHours(48), claim.GetProperty("responseDueAt").GetDateTimeOffset());
        var report = claim.GetProperty("photos")[0].GetProperty("report");
        Assert.Equal("claimlens.report/1", report.GetProperty("schema").GetString());
        var derived = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "derived_from_reference");
        Assert.Equal("listing:listing.jpg", derived.GetProperty("details").GetProperty("reference").GetString());
        Assert.NotEmpty(derived.GetProperty("details").GetProperty("regions").EnumerateArray());
        // The renderings a reviewer's page overlays: a heat map (JPEG) and a change mask (PNG) with changed pixels.
        var stored = await desk.WithDbAsync(db => db.EvidencePhotos.SingleAsync());
        Assert.Equal(await desk.WithDbAsync(db => db.ReferencePhotos.Select(r => r.Sha256).SingleAsync()), stored.MatchedReferenceSha256);
        var heatmap = File.ReadAllBytes(StoredPath(desk, stored.HeatmapSha256!));
        Assert.Equal([0xFF, 0xD8], heatmap[..2]);
        using (var mask = OpenCvSharp.Cv2.ImDecode(File.ReadAllBytes(StoredPath(desk, stored.MaskSha256!)), OpenCvSharp.ImreadModes.Grayscale))
            Assert.InRange(OpenCvSharp.Cv2.CountNonZero(mask), 1, mask.Total() / 4);

        Assert.Equal(HttpStatusCode.OK, (await merchant.RespondAsync(id, "这是我们的主图加了裂纹 / this is our listing photo with a crack added")).StatusCode);
        claim = await merchant.GetClaimAsync(id);
        Assert.Equal("in_review", claim.GetProperty("status").GetString());
        Assert.Single(claim.GetProperty("merchantResponses").EnumerateArray());

        var reviewer = desk.ClientFor(desk.ReviewerKey);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/review-queue");
        Assert.Equal(id, queue.GetProperty("items")[0].GetProperty("id").GetGuid());
        var decided = await reviewer.DecideAsync(id, "reject", "forged_evidence", "照片由商品主图伪造 / the photo was made from the listing photo");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        claim = await merchant.GetClaimAsync(id);
        Assert.Equal("rejected", claim.GetProperty("status").GetString());
        Assert.Equal("forged_evidence", claim.GetProperty("decision").GetString());
        Assert.Equal(1, claim.GetProperty("buyerStanding").GetProperty("rejectedForForgedEvidence").GetInt32());
        Assert.Equal("watch", claim.GetProperty("buyerStanding").GetProperty("rating").GetString());

        var audit = await desk.ClientFor(desk.AdminKey).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());
        Assert.True(audit.GetProperty("entriesChecked").GetInt64() >= 6);
    }

    private static string StoredPath(DeskHost desk, string sha256) =>
        Path.Combine(desk.MediaRoot, "objects", sha256[..2], sha256[2..4], sha256);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task GenuinePhoto_SmallAmount_GoodBuyer_IsApprovedAutomatically(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-2", "LOCK-S1", Delivered, unitPrice: 30m);

        var id = await merchant.FileClaimOkAsync("A-2", "LOCK-S1", 30m, TestPhotos.Unrelated(1));
        await desk.DrainAsync();

        var claim = await merchant.GetClaimAsync(id);
        Assert.Equal("no_manipulation_found", claim.GetProperty("verdict").GetString());
        Assert.Equal("approved", claim.GetProperty("status").GetString());
        Assert.Equal("auto_approved", claim.GetProperty("decision").GetString());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task GenuinePhoto_AboveTheAutoApproveAmount_WaitsForTheMerchant(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-3", "LOCK-S1", Delivered);

        var id = await merchant.FileClaimOkAsync("A-3", "LOCK-S1", 899m, TestPhotos.Unrelated(2));
        await desk.DrainAsync();

        Assert.Equal("awaiting_merchant", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
    }
}
