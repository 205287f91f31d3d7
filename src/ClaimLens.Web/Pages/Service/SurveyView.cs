namespace ClaimLens.Web.Pages.Service;

/// <summary>What the survey page tells the customer about the job: no name, phone or address, only what was repaired,
/// when and by whom, and the answer once given.</summary>
public sealed record SurveyView(
    string TenantName, string Brand, string ProductType, string? Model, string Fault, DateTimeOffset? CompletedAt, string? TechnicianName,
    string TimeZone, int? Satisfaction, string? Comment, DateTimeOffset? AnsweredAt);
