using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs;

/// <summary>Passes lapsed offers to the next technician and marks requests that missed the response target. Runs on
/// the injected <see cref="TimeProvider"/>; a process with workers off (<see cref="WorkerOptions.Count"/> 0) leaves it
/// to others, and tests call <see cref="RunAsync"/> after moving the fake clock.</summary>
public sealed partial class OfferWatcher(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<RepairsOptions> options, IOptions<WorkerOptions> workers, ILogger<OfferWatcher> logger)
    : BackgroundService
{
    /// <summary>One pass; returns how many offers lapsed and how many requests were marked as missing the target.</summary>
    public static async Task<(int Lapsed, int Missed)> RunAsync(ClaimLensDbContext db, DispatchIndex index, RepairsOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var lapsed = 0;
        var due = await db.DispatchOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Open && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt).Select(o => o.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var offerId in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                var offer = await db.DispatchOffers.SingleAsync(o => o.Id == offerId, cancellationToken);
                var request = await db.ServiceRequests.SingleAsync(r => r.Id == offer.RequestId, cancellationToken);
                if (offer.Status != OfferStatus.Open)
                    continue;
                offer.Status = OfferStatus.Lapsed;
                offer.ClosedAt = now;
                if (request.Status == RepairStatus.Assigned && request.TechnicianId == offer.TechnicianId)
                {
                    RepairStateMachine.Fire(request, RepairTrigger.OfferLapsed, now);
                    request.TechnicianId = null;
                    db.Append(time, "dispatch", "repair.offer_lapsed", "service_request", request.Id, request.MerchantId, new { technician = offer.TechnicianId });
                    await Dispatcher.OfferNextAsync(db, index, options, request, time, cancellationToken);
                }
                await db.SaveChangesAsync(cancellationToken);
                await index.RefreshLoadsAsync(db, request.MerchantId, [offer.TechnicianId, request.TechnicianId], cancellationToken);
                lapsed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The technician accepted, or another process moved the request, at the same moment: it is no longer ours.
            }
        }
        db.ChangeTracker.Clear();
        RepairStatus[] waiting = [RepairStatus.Requested, RepairStatus.Assigned];
        var missed = await db.ServiceRequests.Where(r => r.ResponseMet == null && r.ResponseDueAt <= now && waiting.Contains(r.Status))
            .OrderBy(r => r.ResponseDueAt).Take(500).ToListAsync(cancellationToken);
        foreach (var request in missed)
        {
            request.ResponseMet = false;
            db.Append(time, "dispatch", "repair.response_target_missed", "service_request", request.Id, request.MerchantId,
                new { request.ResponseDueAt, status = RepairStateMachine.Name(request.Status) });
        }
        if (missed.Count > 0)
            await db.SaveChangesAsync(cancellationToken);
        return (lapsed, missed.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (workers.Value.Count == 0)
            return;
        using var timer = new PeriodicTimer(options.Value.WatchInterval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var services = scope.ServiceProvider;
                await RunAsync(services.GetRequiredService<ClaimLensDbContext>(), services.GetRequiredService<DispatchIndex>(), options.Value, time, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "offer and response-target check failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
