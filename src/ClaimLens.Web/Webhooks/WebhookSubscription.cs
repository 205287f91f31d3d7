namespace ClaimLens.Web.Webhooks;

/// <summary>A merchant's endpoint that receives signed event notifications.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>https, or http to a loopback host where the deployment allows it (development).</summary>
    public required string Url { get; set; }

    /// <summary>The signing secret, sealed with the desk's data-protection key (<c>PersonalData.Protect</c>);
    /// the merchant sees it once, when the subscription is made.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>Event types delivered, e.g. <c>claim.status_changed</c>.</summary>
    public List<string> Events { get; set; } = [];

    public string? Description { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}
