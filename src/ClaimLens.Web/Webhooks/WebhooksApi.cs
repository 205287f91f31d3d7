using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Webhooks;

/// <summary>A merchant's webhook subscriptions and their delivery log. Another merchant's subscription answers
/// 404, exactly like one that does not exist.</summary>
public static class WebhooksApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to events (claim.status_changed); the answer shows the signing secret, once.");
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("The merchant's active subscriptions (without secrets).");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook")
            .WithSummary("Stop a subscription; its undelivered events are marked failed. The delivery log stays readable.");
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first: state, attempts, next attempt, last HTTP status and error, payload.");
        return group;
    }

    public static async Task<Results<Created<CreatedWebhook>, ValidationProblem>> Create(
        CreateWebhookRequest request, HttpContext http, ClaimLensDbContext db, PersonalData personal, WebhookTargetPolicy policy,
        IOptions<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = Caller.From(http.User);
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
        if (count >= options.Value.MaxSubscriptionsPerMerchant)
            v.Add("url", $"a merchant may have at most {options.Value.MaxSubscriptionsPerMerchant} subscriptions; delete one first");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

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
        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}",
            new CreatedWebhook(subscription.Id, subscription.Url, subscription.Events, subscription.Description, now, secret));
    }

    public static async Task<Ok<List<WebhookDto>>> List(HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.MerchantId == merchant && s.Active)
            .OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.Select(WebhookDto.From).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, HttpContext http, ClaimLensDbContext db, WebhookQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.MerchantId == merchant && s.Active, cancellationToken);
        if (subscription is null)
            return TypedResults.NotFound();
        subscription.Active = false;
        subscription.DeletedAt = time.GetUtcNow();
        db.Append(time, caller.Actor, "webhook.deleted", "webhook", subscription.Id, merchant, new { subscription.Url });
        await db.SaveChangesAsync(cancellationToken);
        await queue.FailPendingOfDeletedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, NotFound, ValidationProblem>> Deliveries(
        Guid id, int? limit, int? offset, HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var v = new Validation();
        if (limit is < 1 or > MaxPageSize)
            v.Add("limit", $"limit must be 1 to {MaxPageSize}");
        if (offset < 0)
            v.Add("offset", "offset must not be negative");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id && s.MerchantId == merchant, cancellationToken))
            return TypedResults.NotFound();
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        var total = await query.CountAsync(cancellationToken);
        // Version 7 ids are time-ordered: newest first without a tie on equal creation times.
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(offset ?? 0).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryPage(total, items.Select(WebhookDeliveryDto.From).ToList()));
    }
}
