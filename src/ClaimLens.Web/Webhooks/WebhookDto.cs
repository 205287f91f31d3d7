namespace ClaimLens.Web.Webhooks;

/// <summary>A subscription as listed; the secret is never shown again after creation.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, DateTimeOffset CreatedAt)
{
    public static WebhookDto From(WebhookSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new WebhookDto(s.Id, s.Url, s.Events, s.Description, s.Active, s.CreatedAt);
    }
}
