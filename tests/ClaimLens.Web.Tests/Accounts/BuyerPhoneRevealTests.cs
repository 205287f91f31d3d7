using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Accounts;

/// <summary>The buyer's phone is shown masked; the full number comes only from the reveal, which says why and is
/// written to the audit log first.</summary>
public sealed class BuyerPhoneRevealTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Reveal_NeedsAReason_IsAudited_AndOnlyForTheOwnMerchant(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero), phone: "13912345678");

        var order = await merchant.GetFromJsonAsync<JsonElement>("/api/v1/orders/A-1");
        Assert.Equal("139****5678", order.GetProperty("buyerPhone").GetString());

        var noReason = await merchant.PostAsJsonAsync("/api/v1/orders/A-1/buyer-phone-reveal", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.ProblemAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.NotFound,
            (await desk.ClientFor(desk.MerchantB.Key).PostAsJsonAsync("/api/v1/orders/A-1/buyer-phone-reveal", new { reason = "curious" })).StatusCode);
        Assert.Equal(0, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "order.buyer_phone_revealed")));

        var revealed = await merchant.PostAsJsonAsync("/api/v1/orders/A-1/buyer-phone-reveal", new { reason = "售后回访 follow-up call" });
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("13912345678", (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());
        var entry = await desk.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "order.buyer_phone_revealed"));
        Assert.StartsWith("key:", entry.Actor, StringComparison.Ordinal);
        Assert.Contains("follow-up call", entry.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", entry.Data, StringComparison.Ordinal);
    }
}
