using System.Text.Json.Nodes;

namespace ClaimLens.Web.Webhooks;

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
