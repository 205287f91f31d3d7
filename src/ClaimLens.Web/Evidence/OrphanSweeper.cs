using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Evidence;

/// <summary>Deletes store files that no <see cref="MediaBlob"/> row references once they are older than the grace
/// period (a request that failed after moving its files in), and staged uploads left by a crash.</summary>
public sealed partial class OrphanSweeper(IServiceScopeFactory scopes, MediaStore store, IOptions<MediaOptions> options, ILogger<OrphanSweeper> logger)
    : BackgroundService
{
    public static async Task<int> SweepAsync(ClaimLensDbContext db, MediaStore store, TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        var cutoff = DateTime.UtcNow - grace;
        var deleted = 0;
        foreach (var chunk in store.Objects().Where(o => o.WrittenUtc < cutoff).Chunk(500))
        {
            var shas = chunk.Select(o => o.Sha256).ToList();
            var known = (await db.MediaBlobs.AsNoTracking().Where(b => shas.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var orphan in shas.Where(s => !known.Contains(s)))
            {
                store.Delete(orphan);
                deleted++;
            }
        }
        foreach (var part in Directory.EnumerateFiles(store.StagingFolder, "*.part"))
        {
            if (File.GetLastWriteTimeUtc(part) < cutoff)
                File.Delete(part);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await SweepAsync(scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>(), store, options.Value.OrphanGrace, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "orphan sweep failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
