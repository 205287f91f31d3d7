namespace ClaimLens.Web.Webhooks;

/// <summary>The answer to a new subscription: the only time <see cref="Secret"/> is shown.</summary>
public sealed record CreatedWebhook(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt, string Secret);
