namespace ClaimLens.Web.Webhooks;

/// <summary>One event for one subscription: the outbox row the sender works from and, at once, the delivery
/// log the merchant reads. It is added in the same unit of work as the change it reports.</summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>Shared by the deliveries of one event to several subscriptions.</summary>
    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The exact bytes (UTF-8) POSTed and signed.</summary>
    public required string PayloadJson { get; set; }

    public WebhookDeliveryState State { get; set; }

    /// <summary>Attempts started so far; a lease counts as an attempt, so a crashed sender cannot retry forever.</summary>
    public int Attempts { get; set; }

    /// <summary>Not attempted before this time: the back-off after a failure, or the lease while an attempt runs.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed, at most <see cref="MaxErrorLength"/> characters.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
