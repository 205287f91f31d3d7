namespace ClaimLens.Web.Repairs;

/// <summary>The call or survey after a completed job: due the next day at 10:00 in the tenant's time zone, answered
/// once (by an agent's call record, or by the customer through the survey link's token).</summary>
public sealed class FollowUp
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public Guid RequestId { get; set; }

    public Guid? TechnicianId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The survey link's secret (random, URL-safe); unique.</summary>
    public required string SurveyToken { get; set; }

    /// <summary><c>call</c> or <c>survey</c> once answered.</summary>
    public string? Channel { get; set; }

    public int? Satisfaction { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: a call record and a survey answer arriving together cannot both win.</summary>
    public int Version { get; set; }
}
