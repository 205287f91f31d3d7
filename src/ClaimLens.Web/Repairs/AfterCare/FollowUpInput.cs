namespace ClaimLens.Web.Repairs;

/// <summary>An answer: channel (call or survey; the public survey sets it), satisfaction 1–5, an optional comment.</summary>
public sealed record FollowUpInput(string? Channel, int? Satisfaction, string? Comment);
