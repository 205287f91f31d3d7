using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Webhooks;

/// <summary>Leases due deliveries to senders of any process and records each attempt's outcome. A lease moves
/// <see cref="WebhookDelivery.NextAttemptAt"/> past the attempt's time-out and counts the attempt, so a sender
/// that dies leaves a row that is simply due again later. On PostgreSQL the row is taken with
/// <c>FOR UPDATE SKIP LOCKED</c>; on SQLite (one writer at a time) with a conditional update.</summary>
public sealed class WebhookQueue(ClaimLensDbContext db, TimeProvider time, IOptions<WebhookOptions> options)
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>The lease outlasts one attempt's time-out by a safe margin.</summary>
    public TimeSpan Lease => _options.AttemptTimeout + TimeSpan.FromSeconds(50);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones: exponential (×4)
    /// from <see cref="WebhookOptions.FirstBackoff"/>, capped, with ±20 % jitter so receivers that come back are
    /// not hit by every queued delivery in the same second.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exact = _options.FirstBackoff.TotalSeconds * Math.Pow(4, Math.Clamp(attempts - 1, 0, 20));
        var capped = Math.Min(exact, _options.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>Leases the delivery due longest, or returns null. The returned row carries the attempt number.</summary>
    public async Task<WebhookDelivery?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Database.IsNpgsql()
            ? await LeaseWithSkipLockedAsync(now, cancellationToken)
            : await LeaseOptimisticallyAsync(now, cancellationToken);
    }

    /// <summary>Records an attempt: delivered on 2xx; otherwise due again after the back-off, or failed after the
    /// last attempt. Ignored when another sender has since taken the row (this lease lapsed).</summary>
    public Task RecordAsync(WebhookDelivery leased, int? statusCode, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leased);
        var now = time.GetUtcNow();
        var message = error is { Length: > WebhookDelivery.MaxErrorLength } ? error[..WebhookDelivery.MaxErrorLength] : error;
        var row = db.WebhookDeliveries.Where(d => d.Id == leased.Id && d.Attempts == leased.Attempts && d.State == WebhookDeliveryState.Pending);
        if (statusCode is >= 200 and < 300)
        {
            return row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Delivered)
                .SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
        }
        var giveUp = leased.Attempts >= _options.MaxAttempts;
        var next = now + Backoff(leased.Attempts);
        return row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, giveUp ? WebhookDeliveryState.Failed : WebhookDeliveryState.Pending)
            .SetProperty(d => d.NextAttemptAt, giveUp ? now : next).SetProperty(d => d.LastStatusCode, statusCode)
            .SetProperty(d => d.LastError, message), cancellationToken);
    }

    /// <summary>Fails every pending delivery of a deleted subscription, and those whose last allowed attempt died
    /// with its sender (the lease lapsed).</summary>
    public async Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var max = _options.MaxAttempts;
        var lapsed = await db.WebhookDeliveries
            .Where(d => d.State == WebhookDeliveryState.Pending && d.Attempts >= max && d.NextAttemptAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Failed)
                .SetProperty(d => d.LastError, "the sender stopped during the last allowed attempt"), cancellationToken);
        return lapsed + await FailPendingOfDeletedAsync(cancellationToken);
    }

    /// <summary>Marks failed the pending deliveries of subscriptions no longer active.</summary>
    public Task<int> FailPendingOfDeletedAsync(CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.State == WebhookDeliveryState.Pending
                && db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && !s.Active))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Failed)
                .SetProperty(d => d.LastError, "the subscription was deleted before delivery"), cancellationToken);

    private async Task<WebhookDelivery?> LeaseWithSkipLockedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = _options.MaxAttempts;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.FromSql($"""
            SELECT * FROM "WebhookDeliveries"
            WHERE "State" = 'Pending' AND "NextAttemptAt" <= {now} AND "Attempts" < {max}
            ORDER BY "NextAttemptAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
            return null;
        delivery.Attempts++;
        delivery.NextAttemptAt = now + Lease;
        delivery.LastAttemptAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(delivery).State = EntityState.Detached;
        return delivery;
    }

    private async Task<WebhookDelivery?> LeaseOptimisticallyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = _options.MaxAttempts;
        var leaseUntil = now + Lease;
        // A conditional update decides which sender gets a row; a loser tries the next one.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && d.Attempts < max)
                .OrderBy(d => d.NextAttemptAt).Select(d => new { d.Id, d.Attempts })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
                return null;
            var taken = await db.WebhookDeliveries
                .Where(d => d.Id == candidate.Id && d.Attempts == candidate.Attempts && d.State == WebhookDeliveryState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.NextAttemptAt, leaseUntil).SetProperty(d => d.LastAttemptAt, now), cancellationToken);
            if (taken == 1)
                return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == candidate.Id, cancellationToken);
        }
        return null;
    }
}
