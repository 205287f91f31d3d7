namespace ClaimLens.Web.Evidence;

/// <summary>Wakes this process's idle workers when it queues a job, so they need not wait for the next poll.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Notify(int jobs = 1) => _signal.Release(Math.Max(1, jobs));

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
