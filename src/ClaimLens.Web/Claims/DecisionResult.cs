namespace ClaimLens.Web.Claims;

/// <summary>After a decision: the claim's status, and for a request for evidence the buyer's link and token.</summary>
public sealed record DecisionResult(Guid Id, string Status, string? EvidenceLink, string? EvidenceToken);
