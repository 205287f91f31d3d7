namespace ClaimLens.Web.Webhooks;

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt (or being attempted under a lease).</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every allowed attempt failed, or the subscription was deleted before delivery.</summary>
    Failed,
}
