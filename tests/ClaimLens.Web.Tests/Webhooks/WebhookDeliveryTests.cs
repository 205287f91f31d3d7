using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Webhooks;

/// <summary>Claim moves reach a real HTTP receiver, signed, retried with back-off on the fake clock; on SQLite
/// and on PostgreSQL.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ClaimMove_ReceiverFailsTwice_IsDeliveredSignedOnTheThirdAttemptAfterBackoff(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var (subscription, secret) = await merchant.SubscribeOkAsync(receiver.Url);

        var claimId = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 899m, TestPhotos.Forged);
        Assert.Equal(0, await SendDueAsync(desk)); // filing is not a status change
        await desk.DrainAsync();
        var log = await merchant.DeliveriesAsync(subscription);
        Assert.Equal(1, log.GetProperty("total").GetInt32());
        Assert.Equal("pending", log.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal(0, log.GetProperty("items")[0].GetProperty("attempts").GetInt32());

        // Attempt 1: 500, due again 30 s ± 20 % later; nothing is due before that.
        Assert.Equal(1, await SendDueAsync(desk));
        var item = (await merchant.DeliveriesAsync(subscription)).GetProperty("items")[0];
        AssertRetry(item, attempts: 1, desk.Clock.GetUtcNow(), TimeSpan.FromSeconds(30));
        Assert.Equal(0, await SendDueAsync(desk));

        // Attempt 2: 500 again, then four times longer.
        desk.Clock.Advance(TimeSpan.FromSeconds(36));
        Assert.Equal(1, await SendDueAsync(desk));
        item = (await merchant.DeliveriesAsync(subscription)).GetProperty("items")[0];
        AssertRetry(item, attempts: 2, desk.Clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        desk.Clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(0, await SendDueAsync(desk));

        // Attempt 3: 200.
        desk.Clock.Advance(TimeSpan.FromSeconds(54));
        Assert.Equal(1, await SendDueAsync(desk));
        item = (await merchant.DeliveriesAsync(subscription)).GetProperty("items")[0];
        Assert.Equal("delivered", item.GetProperty("state").GetString());
        Assert.Equal(3, item.GetProperty("attempts").GetInt32());
        Assert.Equal(200, item.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(desk.Clock.GetUtcNow(), item.GetProperty("deliveredAt").GetDateTimeOffset());
        desk.Clock.Advance(TimeSpan.FromHours(20)); // within the merchant's 48 h window: the claim does not move again
        Assert.Equal(0, await SendDueAsync(desk));

        var requests = receiver.Received.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["X-ClaimLens-Delivery"]).Distinct());
        Assert.Equal(item.GetProperty("id").GetString(), requests[0].Headers["X-ClaimLens-Delivery"]);
        foreach (var request in requests)
        {
            Assert.Equal("claim.status_changed", request.Headers["X-ClaimLens-Event"]);
            var timestamp = request.Headers["X-ClaimLens-Timestamp"];
            var expected = "sha256=" + Convert.ToHexStringLower(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + request.Body)));
            Assert.Equal(expected, request.Headers["X-ClaimLens-Signature"]);
        }
        Assert.Equal(desk.Clock.GetUtcNow().AddHours(-20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            requests[2].Headers["X-ClaimLens-Timestamp"]);

        using var payload = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("claim.status_changed", payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(claimId, data.GetProperty("claimId").GetGuid());
        Assert.Equal("A-1", data.GetProperty("orderNo").GetString());
        Assert.Equal("analyzing", data.GetProperty("from").GetString());
        Assert.Equal("awaiting_merchant", data.GetProperty("to").GetString());
        Assert.Equal("likely_manipulated", data.GetProperty("verdict").GetString());
        Assert.True(data.GetProperty("risk").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("decision").ValueKind);
        Assert.Equal(requests[0].Body, requests[2].Body);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ReceiverNeverAnswers2xx_DeliveryFailsAfterTheLastAttempt(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Enumerable.Repeat(503, 20).ToArray());
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-2", "LOCK-S1", Delivered, unitPrice: 30m);
        var (subscription, _) = await merchant.SubscribeOkAsync(receiver.Url);
        // Approved at once: a final status, so the days the clock moves below cannot move the claim again.
        var claimId = await merchant.FileClaimOkAsync("A-2", "LOCK-S1", 30m, TestPhotos.Unrelated(1));
        await desk.DrainAsync();

        var attempts = 0;
        for (var round = 0; round < 12; round++)
        {
            attempts += await SendDueAsync(desk);
            desk.Clock.Advance(TimeSpan.FromHours(15)); // longer than the largest back-off with jitter
        }

        var item = (await merchant.DeliveriesAsync(subscription)).GetProperty("items")[0];
        Assert.Equal(8, attempts);
        Assert.Equal(8, receiver.Received.Count);
        Assert.Equal("failed", item.GetProperty("state").GetString());
        Assert.Equal(8, item.GetProperty("attempts").GetInt32());
        Assert.Equal(503, item.GetProperty("lastStatusCode").GetInt32());
        Assert.Contains("503", item.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var data = item.GetProperty("payload").GetProperty("data");
        Assert.Equal(claimId, data.GetProperty("claimId").GetGuid());
        Assert.Equal("approved", data.GetProperty("to").GetString());
        Assert.Equal("auto_approved", data.GetProperty("decision").GetString());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task StatusChange_LostToAConcurrentWriter_LeavesNoDelivery(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-3", "LOCK-S1", Delivered);
        await merchant.SubscribeOkAsync("http://127.0.0.1:9/unused");
        var claimId = await merchant.FileClaimOkAsync("A-3", "LOCK-S1", 899m, TestPhotos.Unrelated(3));

        // Two writers move the same claim; the optimistic version lets only the first save.
        using var first = desk.Services.CreateScope();
        using var second = desk.Services.CreateScope();
        var db1 = first.ServiceProvider.GetRequiredService<ClaimLens.Web.Data.ClaimLensDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<ClaimLens.Web.Data.ClaimLensDbContext>();
        var claim1 = await db1.Claims.SingleAsync(c => c.Id == claimId);
        var claim2 = await db2.Claims.SingleAsync(c => c.Id == claimId);
        ClaimStateMachine.Fire(claim1, ClaimTrigger.AskMerchant, desk.Clock.GetUtcNow());
        ClaimStateMachine.Fire(claim2, ClaimTrigger.AutoApprove, desk.Clock.GetUtcNow());
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var deliveries = await desk.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().ToListAsync());
        var delivery = Assert.Single(deliveries);
        Assert.Contains("\"to\":\"awaiting_merchant\"", delivery.PayloadJson, StringComparison.Ordinal);
    }

    private static Task<int> SendDueAsync(DeskHost desk) => WebhookSender.DrainAsync(desk.Services, CancellationToken.None);

    private static void AssertRetry(JsonElement item, int attempts, DateTimeOffset now, TimeSpan backoff)
    {
        Assert.Equal("pending", item.GetProperty("state").GetString());
        Assert.Equal(attempts, item.GetProperty("attempts").GetInt32());
        Assert.Equal(500, item.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(now, item.GetProperty("lastAttemptAt").GetDateTimeOffset());
        var next = item.GetProperty("nextAttemptAt").GetDateTimeOffset();
        Assert.InRange(next, now + (backoff * 0.8), now + (backoff * 1.2));
    }
}
