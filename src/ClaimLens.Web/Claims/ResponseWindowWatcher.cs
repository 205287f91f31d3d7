using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>Moves claims whose merchant response window has run out into review. The clock is the injected
/// <see cref="TimeProvider"/>, so tests move time instead of waiting.</summary>
public sealed partial class ResponseWindowWatcher(IServiceScopeFactory scopes, TimeProvider time, ILogger<ResponseWindowWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Expires every overdue window now; returns how many claims moved.</summary>
    public static async Task<int> ExpireDueAsync(ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var due = await db.Claims.Where(c => c.Status == ClaimStatus.AwaitingMerchant && c.ResponseDueAt <= now)
            .OrderBy(c => c.ResponseDueAt).Take(500).ToListAsync(cancellationToken);
        var settings = await db.Merchants.AsNoTracking().Where(m => due.Select(c => c.MerchantId).Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Settings, cancellationToken);
        var moved = 0;
        foreach (var claim in due)
        {
            // One claim per save: a claim another process (or a merchant's last-second answer) moved first fails
            // alone on its version check and is skipped.
            ClaimStateMachine.Fire(claim, ClaimTrigger.ResponseWindowExpired, now);
            claim.ReviewDueAt = now + settings[claim.MerchantId].ReviewWindow;
            db.Append(time, "system", "claim.response_window_expired", "claim", claim.Id, claim.MerchantId, new { claim.ResponseDueAt, to = "in_review" });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                moved++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return moved;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await ExpireDueAsync(scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>(), time, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A concurrent decision or another process got there first, or the database is away: next tick.
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "response window check failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
