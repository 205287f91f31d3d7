using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Evidence;

/// <summary>The durable job queue: rows in the <c>Jobs</c> table, leased by workers of any process. A worker
/// that dies leaves a lease that lapses, and the job is taken again; handlers are written so that running a job
/// twice changes nothing. On PostgreSQL a lease is taken with <c>FOR UPDATE SKIP LOCKED</c>, so workers of
/// several processes never wait on, or take, the same row.</summary>
public sealed class JobQueue(ClaimLensDbContext db, TimeProvider time, IOptions<WorkerOptions> options)
{
    public const int MaxAttempts = 5;

    /// <summary>Adds a job to the unit of work; it is queued when the caller saves.</summary>
    public void Enqueue(JobKind kind, Guid subjectId)
    {
        var now = time.GetUtcNow();
        db.Jobs.Add(new AnalysisJob
        {
            Id = Guid.CreateVersion7(now), Kind = kind, SubjectId = subjectId, State = JobState.Queued,
            CreatedAt = now, AvailableAt = now,
        });
    }

    /// <summary>Leases the oldest available job for <paramref name="worker"/>, or returns null.</summary>
    public async Task<AnalysisJob?> TryLeaseAsync(string worker, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Database.IsNpgsql()
            ? await LeaseWithSkipLockedAsync(worker, now, cancellationToken)
            : await LeaseOptimisticallyAsync(worker, now, cancellationToken);
    }

    public async Task CompleteAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.State, JobState.Done).SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Puts the job back with an exponential back-off, or marks it failed after the last attempt.</summary>
    public async Task FailAsync(AnalysisJob job, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = time.GetUtcNow();
        var giveUp = job.Attempts >= MaxAttempts;
        var retryAt = now + TimeSpan.FromSeconds(Math.Pow(4, job.Attempts - 1));
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.State, giveUp ? JobState.Failed : JobState.Queued)
                .SetProperty(j => j.AvailableAt, retryAt)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(j => j.CompletedAt, giveUp ? now : null)
                .SetProperty(j => j.Error, message), cancellationToken);
    }

    /// <summary>Marks failed the jobs whose last allowed attempt died with its worker (the lease lapsed).</summary>
    public Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Jobs.Where(j => j.State == JobState.Running && j.LeaseUntil < now && j.Attempts >= MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed).SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.Error, "the worker stopped during the last allowed attempt"), cancellationToken);
    }

    private async Task<AnalysisJob?> LeaseWithSkipLockedAsync(string worker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.Jobs.FromSql($"""
            SELECT * FROM "Jobs"
            WHERE ("State" = 'Queued' AND "AvailableAt" <= {now})
               OR ("State" = 'Running' AND "LeaseUntil" < {now} AND "Attempts" < {MaxAttempts})
            ORDER BY "AvailableAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
            return null;
        TakeLease(job, worker, now + options.Value.Lease);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    private async Task<AnalysisJob?> LeaseOptimisticallyAsync(string worker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // SQLite serialises writers; a conditional update decides which worker gets a row, and a loser tries the next.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = await db.Jobs.AsNoTracking()
                .Where(j => (j.State == JobState.Queued && j.AvailableAt <= now)
                    || (j.State == JobState.Running && j.LeaseUntil < now && j.Attempts < MaxAttempts))
                .OrderBy(j => j.AvailableAt).Select(j => new { j.Id, j.State, j.Attempts })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
                return null;
            var leaseUntil = now + options.Value.Lease;
            var taken = await db.Jobs
                .Where(j => j.Id == candidate.Id && j.State == candidate.State && j.Attempts == candidate.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseUntil, leaseUntil).SetProperty(j => j.Worker, worker)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
            if (taken == 1)
                return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == candidate.Id, cancellationToken);
        }
        return null;
    }

    private static void TakeLease(AnalysisJob job, string worker, DateTimeOffset leaseUntil)
    {
        job.State = JobState.Running;
        job.LeaseUntil = leaseUntil;
        job.Worker = worker;
        job.Attempts++;
    }
}
