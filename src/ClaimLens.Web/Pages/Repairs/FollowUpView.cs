namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The request's latest follow-up as the request page shows it.</summary>
public sealed record FollowUpView(DateTimeOffset DueAt, int? Satisfaction, string? Comment, DateTimeOffset? AnsweredAt);
