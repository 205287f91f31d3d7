namespace ClaimLens.Web.Webhooks;

public sealed record WebhookDeliveryPage(int Total, IReadOnlyList<WebhookDeliveryDto> Items);
