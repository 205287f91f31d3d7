using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Webhooks;

/// <summary>Several senders on one database: each delivery is leased, and sent, by one of them only.</summary>
public sealed class WebhookLeaseTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ConcurrentSenders_SendEveryDueDeliveryExactlyOnce(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var (subscription, _) = await merchant.SubscribeOkAsync(receiver.Url);
        var ids = await AddDueDeliveriesAsync(desk, subscription, 24);

        // Four senders at once, as four desk processes would run them.
        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => WebhookSender.DrainAsync(desk.Services, CancellationToken.None))));

        Assert.Equal(24, sent.Sum());
        var received = receiver.Received.Select(r => Guid.Parse(r.Headers["X-ClaimLens-Delivery"])).ToList();
        Assert.Equal(24, received.Count);
        Assert.Equal(ids.Order(), received.Order());
        var states = await desk.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Select(d => new { d.State, d.Attempts }).ToListAsync());
        Assert.All(states, s => Assert.Equal((WebhookDeliveryState.Delivered, 1), (s.State, s.Attempts)));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task LeasedAttempt_WhoseSenderDied_IsTakenAgainOnlyAfterTheLease(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var (subscription, _) = await merchant.SubscribeOkAsync(receiver.Url);
        await AddDueDeliveriesAsync(desk, subscription, 1);

        // A sender takes the lease and dies before recording anything.
        using (var scope = desk.Services.CreateScope())
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<WebhookQueue>().TryLeaseAsync(CancellationToken.None));
        Assert.Equal(0, await WebhookSender.DrainAsync(desk.Services, CancellationToken.None));
        desk.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await WebhookSender.DrainAsync(desk.Services, CancellationToken.None));

        var item = (await merchant.DeliveriesAsync(subscription)).GetProperty("items")[0];
        Assert.Equal("delivered", item.GetProperty("state").GetString());
        Assert.Equal(2, item.GetProperty("attempts").GetInt32());
        Assert.Single(receiver.Received);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task DeletedSubscription_PendingDeliveriesFail_AndAreNeverSent(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var (subscription, _) = await merchant.SubscribeOkAsync(receiver.Url);
        await AddDueDeliveriesAsync(desk, subscription, 2);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await merchant.DeleteAsync($"/api/v1/webhooks/{subscription}")).StatusCode);
        Assert.Equal(0, await WebhookSender.DrainAsync(desk.Services, CancellationToken.None));

        Assert.Empty(receiver.Received);
        var log = await merchant.DeliveriesAsync(subscription);
        Assert.Equal(2, log.GetProperty("total").GetInt32());
        Assert.All(log.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("failed", i.GetProperty("state").GetString());
            Assert.Contains("deleted", i.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        });
    }

    private static Task<List<Guid>> AddDueDeliveriesAsync(DeskHost desk, Guid subscription, int count) =>
        desk.WithDbAsync(async db =>
        {
            var now = desk.Clock.GetUtcNow();
            var rows = Enumerable.Range(0, count).Select(n => new WebhookDelivery
            {
                Id = Guid.NewGuid(), SubscriptionId = subscription, MerchantId = desk.MerchantA.MerchantId, EventId = Guid.NewGuid(),
                EventType = WebhookEvents.ClaimStatusChanged, PayloadJson = $$"""{"n":{{n}}}""", State = WebhookDeliveryState.Pending,
                NextAttemptAt = now.AddSeconds(-n), CreatedAt = now,
            }).ToList();
            db.WebhookDeliveries.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
}
