using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Evidence;

/// <summary>Runs queued jobs: <see cref="WorkerOptions.Count"/> loops, each leasing one job at a time.</summary>
public sealed partial class JobWorker(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, JobSignal signal, ILogger<JobWorker> logger)
    : BackgroundService
{
    private static long _lastReap = long.MinValue / 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Count;
        // Parallelism comes from the workers, one analysis each; OpenCV's own thread pool on top of that would
        // oversubscribe the cores (the CLI's inspect-dir does the same).
        if (count > 1)
            OpenCvSharp.Cv2.SetNumThreads(1);
        var loops = Enumerable.Range(0, count)
            .Select(n => Task.Run(() => LoopAsync($"{Environment.MachineName}:{Environment.ProcessId}:{n}", stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    /// <summary>Runs jobs until none is left; for tests and the demo, which want the queue drained now.</summary>
    public static async Task<int> DrainAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var ran = 0;
        while (true)
        {
            using var scope = services.CreateScope();
            if (!await RunOneAsync(scope.ServiceProvider, "drain", cancellationToken))
                return ran;
            ran++;
        }
    }

    private async Task LoopAsync(string worker, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ran;
            try
            {
                using var scope = scopes.CreateScope();
                ran = await RunOneAsync(scope.ServiceProvider, worker, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away or the disk is full: wait and try again; the job's lease keeps it safe.
                LogLoopError(logger, worker, e);
                ran = false;
            }
            if (!ran)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<bool> RunOneAsync(IServiceProvider services, string worker, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<JobQueue>();
        // Reaping dead jobs is a write; once a minute per process is plenty.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReap);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref _lastReap, now, last) == last)
            await queue.ReapAsync(cancellationToken);
        var job = await queue.TryLeaseAsync(worker, cancellationToken);
        if (job is null)
            return false;
        try
        {
            switch (job.Kind)
            {
                case JobKind.AnalyzePhoto:
                    await services.GetRequiredService<PhotoAnalysis>().RunAsync(job.SubjectId, cancellationToken);
                    break;
                case JobKind.ExtractFrames:
                    await services.GetRequiredService<PackingVideoFrames>().RunAsync(job.SubjectId, cancellationToken);
                    break;
                case JobKind.AnalyzeRepairPhoto:
                    await services.GetRequiredService<Repairs.Work.RepairPhotoAnalysis>().RunAsync(job.SubjectId, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"no handler for {job.Kind} jobs in this version");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fresh scope: the failed unit of work may hold half-made changes that must not be saved.
            using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
            await scope.ServiceProvider.GetRequiredService<JobQueue>().FailAsync(job, e.Message, cancellationToken);
            return true;
        }
        await queue.CompleteAsync(job.Id, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker} stopped on an error; it tries again")]
    private static partial void LogLoopError(ILogger logger, string worker, Exception error);
}
