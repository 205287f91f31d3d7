using System.Text.Json;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClaimLens.Web.Webhooks;

/// <summary>Turns claim status changes into webhook deliveries inside the unit of work that makes them, so a
/// delivery exists exactly when the change was saved (the outbox pattern). Called by
/// <see cref="ClaimLensDbContext.SaveChangesAsync(bool, CancellationToken)"/>: no caller can forget it.</summary>
public static class WebhookOutbox
{
    /// <summary>True when tracked claims have a status change not yet saved.</summary>
    public static bool HasStatusChanges(ClaimLensDbContext db) => StatusChanges(db).Any();

    /// <summary>Adds a <c>claim.status_changed</c> delivery per changed claim and active subscription of its merchant.
    /// A claim moved twice in one unit of work reports one change, from the saved status to the new one.</summary>
    public static async Task CaptureAsync(ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changes = StatusChanges(db).ToList();
        if (changes.Count == 0)
            return;
        // A save that failed and is tried again must not add the same events twice; only this class adds deliveries.
        foreach (var stale in db.ChangeTracker.Entries<WebhookDelivery>().Where(e => e.State == EntityState.Added).ToList())
            stale.State = EntityState.Detached;

        var merchants = changes.Select(c => c.Entity.MerchantId).Distinct().ToList();
        var subscriptions = (await db.WebhookSubscriptions.AsNoTracking()
                .Where(s => s.Active && merchants.Contains(s.MerchantId))
                .Select(s => new { s.Id, s.MerchantId, s.Events }).ToListAsync(cancellationToken))
            .Where(s => s.Events.Contains(WebhookEvents.ClaimStatusChanged)).ToList();
        if (subscriptions.Count == 0)
            return;
        var orderIds = changes.Select(c => c.Entity.OrderId).Distinct().ToList();
        var orderNos = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.OrderNo, cancellationToken);

        foreach (var change in changes)
        {
            var claim = change.Entity;
            var at = claim.UpdatedAt;
            var eventId = Guid.CreateVersion7(at);
            var payload = JsonSerializer.Serialize(new
            {
                id = eventId,
                type = WebhookEvents.ClaimStatusChanged,
                createdAt = at,
                data = new
                {
                    claimId = claim.Id,
                    orderNo = orderNos.GetValueOrDefault(claim.OrderId),
                    from = ClaimStateMachine.Name(change.Property(c => c.Status).OriginalValue),
                    to = ClaimStateMachine.Name(claim.Status),
                    risk = claim.Risk,
                    verdict = claim.Verdict,
                    decision = claim.DecisionReason is { } reason ? ClaimDto.DecisionName(reason) : null,
                    at,
                },
            }, JsonSerializerOptions.Web);
            foreach (var subscription in subscriptions.Where(s => s.MerchantId == claim.MerchantId))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(at), SubscriptionId = subscription.Id, MerchantId = claim.MerchantId, EventId = eventId,
                    EventType = WebhookEvents.ClaimStatusChanged, PayloadJson = payload, State = WebhookDeliveryState.Pending,
                    NextAttemptAt = at, CreatedAt = at,
                });
            }
        }
    }

    private static IEnumerable<EntityEntry<Claim>> StatusChanges(ClaimLensDbContext db) =>
        db.ChangeTracker.Entries<Claim>().Where(e => e.State == EntityState.Modified
            && e.Property(c => c.Status).IsModified && e.Property(c => c.Status).OriginalValue != e.Entity.Status);
}
