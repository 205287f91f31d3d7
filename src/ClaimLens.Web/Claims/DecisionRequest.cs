namespace ClaimLens.Web.Claims;

/// <summary><c>action</c>: approve, reject or request_evidence; <c>reason</c> (for reject): forged_evidence,
/// not_covered, insufficient_evidence or other; <c>note</c>: shown to the buyer.</summary>
public sealed record DecisionRequest(string? Action, string? Reason, string? Note);
