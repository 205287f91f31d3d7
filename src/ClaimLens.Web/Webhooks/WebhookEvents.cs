namespace ClaimLens.Web.Webhooks;

/// <summary>The event types a subscription can ask for.</summary>
public static class WebhookEvents
{
    public const string ClaimStatusChanged = "claim.status_changed";

    public static IReadOnlyList<string> All { get; } = [ClaimStatusChanged];
}
