namespace ClaimLens.Web.Pages.Review;

/// <summary>A merchant's answer to the claim and the files it points to.</summary>
public sealed record ResponseView(Guid Id, string Text, IReadOnlyList<string> EvidenceSha256, string Actor, DateTimeOffset CreatedAt);
