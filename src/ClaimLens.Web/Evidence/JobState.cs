namespace ClaimLens.Web.Evidence;

public enum JobState
{
    Queued,

    /// <summary>Leased by a worker until <see cref="AnalysisJob.LeaseUntil"/>; a lapsed lease is taken again.</summary>
    Running,

    Done,

    /// <summary>Gave up after <see cref="JobQueue.MaxAttempts"/> tries; the error says why.</summary>
    Failed,
}
