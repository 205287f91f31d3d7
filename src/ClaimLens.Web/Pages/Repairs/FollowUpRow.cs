namespace ClaimLens.Web.Pages.Repairs;

/// <summary>One open follow-up on the agents' desk: the job, who did it, the masked phone and the survey link's token.</summary>
public sealed record FollowUpRow(
    Guid Id, Guid RequestId, string Brand, string ProductType, string? Model, DateTimeOffset? CompletedAt, string? TechnicianName,
    string PhoneProtected, DateTimeOffset DueAt, string SurveyToken);
