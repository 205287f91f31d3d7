using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Webhooks;

/// <summary>Subscribing and unsubscribing, as the API and the merchant's settings page both do it.</summary>
public static class WebhookSubscriptions
{
    /// <summary>Checks and saves a subscription of <paramref name="caller"/>'s merchant; returns it with its signing
    /// secret (shown once), or no subscription and every bad field (<c>url</c>, <c>events</c>, <c>description</c>).</summary>
    public static async Task<(CreatedWebhook? Created, Dictionary<string, string[]> Errors)> CreateAsync(
        ClaimLensDbContext db, PersonalData personal, WebhookTargetPolicy policy, WebhookOptions options, TimeProvider time,
        Caller caller, CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var url = v.Required("url", request.Url, WebhookTargetPolicy.MaxUrlLength);
        if (url is not null && policy.Check(url) is { } refused)
            v.Add("url", refused);
        var events = request.Events is null or { Count: 0 } ? WebhookEvents.All.ToList() : request.Events.Distinct(StringComparer.Ordinal).ToList();
        // A hostile list may be long or hold nulls: name a few unknown entries, not all of them.
        foreach (var unknown in events.Where(e => e is null || !WebhookEvents.All.Contains(e)).Take(5))
            v.Add("events", $"unknown event \"{(unknown is { Length: > 64 } ? unknown[..64] : unknown)}\"; known: {string.Join(", ", WebhookEvents.All)}");
        if (request.Description is { Length: > 200 })
            v.Add("description", "description is longer than 200 characters");
        var count = await db.WebhookSubscriptions.CountAsync(s => s.MerchantId == merchant && s.Active, cancellationToken);
        if (count >= options.MaxSubscriptionsPerMerchant)
            v.Add("url", $"a merchant may have at most {options.MaxSubscriptionsPerMerchant} subscriptions; delete one first");
        if (!v.IsValid)
            return (null, v.ToDictionary());

        var now = time.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Url = url!, ProtectedSecret = personal.Protect(secret), Events = events,
            Description = request.Description?.Trim(), Active = true, CreatedAt = now, CreatedBy = caller.Actor,
        };
        db.WebhookSubscriptions.Add(subscription);
        db.Append(time, caller.Actor, "webhook.subscribed", "webhook", subscription.Id, merchant, new { url, events });
        await db.SaveChangesAsync(cancellationToken);
        return (new CreatedWebhook(subscription.Id, subscription.Url, subscription.Events, subscription.Description, now, secret), []);
    }

    /// <summary>Stops a subscription of <paramref name="caller"/>'s merchant and fails its undelivered events; false
    /// when there is no such active subscription (or it is another merchant's).</summary>
    public static async Task<bool> DeleteAsync(ClaimLensDbContext db, WebhookQueue queue, TimeProvider time, Caller caller, Guid id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(caller);
        var merchant = caller.RequireMerchant();
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.MerchantId == merchant && s.Active, cancellationToken);
        if (subscription is null)
            return false;
        subscription.Active = false;
        subscription.DeletedAt = time.GetUtcNow();
        db.Append(time, caller.Actor, "webhook.deleted", "webhook", subscription.Id, merchant, new { subscription.Url });
        await db.SaveChangesAsync(cancellationToken);
        await queue.FailPendingOfDeletedAsync(cancellationToken);
        return true;
    }
}
