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
        var (created, errors) = await WebhookSubscriptions.CreateAsync(db, personal, policy, options.Value, time, Caller.From(http.User), request, cancellationToken);
        if (created is null)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
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
        return await WebhookSubscriptions.DeleteAsync(db, queue, time, Caller.From(http.User), id, cancellationToken)
            ? TypedResults.NoContent() : TypedResults.NotFound();
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
