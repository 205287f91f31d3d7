using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Accounts;

/// <summary>Re-encrypts personal data under the active key in the background: at start and then every
/// <see cref="KeyRotationOptions.Interval"/> on the injected clock, in batches, so a new active key takes over
/// without downtime. Off in a process with workers off.</summary>
public sealed partial class KeyRotationService(
    IServiceScopeFactory scopes, PersonalData personal, TimeProvider time, IOptions<KeyRotationOptions> options, IOptions<WorkerOptions> workers,
    ILogger<KeyRotationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (workers.Value.Count == 0)
            return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
                var result = await KeyRotation.RunAsync(db, personal, options.Value.BatchSize, options.Value.MaxBatchesPerPass, stoppingToken);
                if (result.Rewritten + result.Failed > 0)
                    LogPass(logger, personal.ActiveKeyId, result.Rewritten, result.Failed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "personal data re-encrypted under key {KeyId}: {Rewritten} values, {Failed} unreadable")]
    private static partial void LogPass(ILogger logger, string keyId, int rewritten, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "personal data re-encryption pass failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
