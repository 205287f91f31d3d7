using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs;

/// <summary>Rebuilds every loaded tenant's pool from the database now and then, so changes made by other processes
/// (or straight in the database) reach dispatch.</summary>
public sealed partial class DispatchIndexRefresher(
    IServiceScopeFactory scopes, DispatchIndex index, TimeProvider time, IOptions<RepairsOptions> options, IOptions<WorkerOptions> workers,
    ILogger<DispatchIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (workers.Value.Count == 0)
            return;
        using var timer = new PeriodicTimer(options.Value.IndexRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
                foreach (var tenant in index.Tenants.ToList())
                    await index.RebuildAsync(db, tenant, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "dispatch index refresh failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
