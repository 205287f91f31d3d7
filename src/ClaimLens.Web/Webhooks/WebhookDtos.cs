using System.Text.Json.Nodes;

namespace ClaimLens.Web.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>A subscription as listed; the secret is never shown again after creation.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, DateTimeOffset CreatedAt)
{
    public static WebhookDto From(WebhookSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new WebhookDto(s.Id, s.Url, s.Events, s.Description, s.Active, s.CreatedAt);
    }
}

/// <summary>The answer to a new subscription: the only time <see cref="Secret"/> is shown.</summary>
public sealed record CreatedWebhook(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, string State, int Attempts, DateTimeOffset? NextAttemptAt, int? LastStatusCode,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, JsonNode? Payload)
{
    public static WebhookDeliveryDto From(WebhookDelivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new WebhookDeliveryDto(d.Id, d.EventId, d.EventType, d.State.ToString().ToLowerInvariant(), d.Attempts,
            d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError, d.CreatedAt,
            d.LastAttemptAt, d.DeliveredAt, JsonNode.Parse(d.PayloadJson));
    }
}

public sealed record WebhookDeliveryPage(int Total, IReadOnlyList<WebhookDeliveryDto> Items);
