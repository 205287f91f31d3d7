namespace ClaimLens.Web.Repairs;

/// <summary>A follow-up: <see cref="SurveyPath"/> is where the answer is posted (API), <see cref="SurveyPage"/> the
/// page to send to the customer.</summary>
public sealed record FollowUpDto(
    Guid Id, Guid RequestId, Guid? TechnicianId, DateTimeOffset DueAt, string Status, string SurveyPath, string? Channel, int? Satisfaction,
    string? Comment, DateTimeOffset? AnsweredAt, string SurveyPage)
{
    public static FollowUpDto From(FollowUp f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FollowUpDto(f.Id, f.RequestId, f.TechnicianId, f.DueAt, f.AnsweredAt is null ? "open" : "answered",
            $"/api/v1/repairs/surveys/{f.SurveyToken}", f.Channel, f.Satisfaction, f.Comment, f.AnsweredAt,
            $"/service/survey/{f.SurveyToken}");
    }
}
