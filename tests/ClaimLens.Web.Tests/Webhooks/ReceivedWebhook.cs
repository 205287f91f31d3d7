namespace ClaimLens.Web.Tests.Webhooks;

/// <summary>One request the receiver got: its headers (case-insensitive) and body.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);
