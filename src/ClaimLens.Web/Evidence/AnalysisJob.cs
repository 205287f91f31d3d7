namespace ClaimLens.Web.Evidence;

/// <summary>A unit of background work in the durable queue (a table), leased by one worker at a time.</summary>
public sealed class AnalysisJob
{
    public Guid Id { get; set; }

    public JobKind Kind { get; set; }

    public Guid SubjectId { get; set; }

    public JobState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not taken before this time (back-off after a failure).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? Worker { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Error { get; set; }
}
