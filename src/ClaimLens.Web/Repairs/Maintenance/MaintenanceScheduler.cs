using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Repairs.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs.Maintenance;

/// <summary>Makes the planned visits of active maintenance plans that fall within <see cref="RepairsOptions.MaintenanceAhead"/>
/// from today (tenant's local date). Idempotent: a visit exists at most once per plan and date (a unique index backs
/// the check), so running twice makes nothing new. Tests call <see cref="RunAsync"/> after moving the fake clock.</summary>
public sealed partial class MaintenanceScheduler(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<RepairsOptions> options, IOptions<WorkerOptions> workers, ILogger<MaintenanceScheduler> logger)
    : BackgroundService
{
    /// <summary>One pass over all tenants' active plans (or one plan); returns how many visits were made.</summary>
    public static async Task<int> RunAsync(ClaimLensDbContext db, RepairsOptions options, TimeProvider time, Guid? onlyPlan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var query = db.MaintenancePlans.AsNoTracking().Where(p => p.Active);
        if (onlyPlan is { } id)
            query = query.Where(p => p.Id == id);
        var plans = await query.OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var zones = new Dictionary<Guid, TimeZoneInfo>();
        var made = 0;
        foreach (var plan in plans)
        {
            if (!zones.TryGetValue(plan.MerchantId, out var zone))
                zones[plan.MerchantId] = zone = await FollowUpsApi.ZoneAsync(db, plan.MerchantId, cancellationToken);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var last = today.AddDays((int)Math.Ceiling(options.MaintenanceAhead.TotalDays));
            var due = Occurrences(plan, today, last).ToList();
            if (due.Count == 0)
                continue;
            var existing = await db.MaintenanceVisits.AsNoTracking().Where(v => v.PlanId == plan.Id && due.Contains(v.Date))
                .Select(v => v.Date).ToListAsync(cancellationToken);
            foreach (var date in due.Except(existing))
            {
                db.MaintenanceVisits.Add(new MaintenanceVisit
                {
                    Id = Guid.CreateVersion7(now), MerchantId = plan.MerchantId, PlanId = plan.Id, Brand = plan.Brand, ProductType = plan.ProductType,
                    CityCode = plan.CityCode, TownCode = plan.TownCode, Latitude = plan.Latitude, Longitude = plan.Longitude, Date = date,
                    WindowStart = plan.WindowStart, WindowEnd = plan.WindowEnd, ServiceMinutes = plan.ServiceMinutes, Status = VisitStatus.Planned,
                    CreatedAt = now,
                });
                made++;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process made the same visits at the same moment (the unique index refused ours): nothing is missing.
                made -= db.ChangeTracker.Entries<MaintenanceVisit>().Count(e => e.State == EntityState.Added);
            }
            db.ChangeTracker.Clear();
        }
        return made;
    }

    /// <summary>Visit dates of the plan within [from, to], at most 100 (a one-month plan makes ~1 per month).</summary>
    public static IEnumerable<DateOnly> Occurrences(MaintenancePlan plan, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IntervalMonths <= 0)
            yield break;
        // Skip whole intervals before `from` without walking them one by one.
        var monthsBefore = (from.Year - plan.StartDate.Year) * 12 + from.Month - plan.StartDate.Month;
        var k = Math.Max(0, monthsBefore / plan.IntervalMonths - 1);
        for (var found = 0; found < 100 && k < 100_000; k++)
        {
            var date = plan.StartDate.AddMonths(k * plan.IntervalMonths);
            if (date > to)
                yield break;
            if (date < from)
                continue;
            found++;
            yield return date;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (workers.Value.Count == 0)
            return;
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RunAsync(scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>(), options.Value, time, null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "making maintenance visits ahead failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
