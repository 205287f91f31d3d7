using System.Collections.Concurrent;
using ClaimLens.Web.Data;
using ClaimLens.Web.Regions;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>The in-memory candidate index: one <see cref="TechnicianPool"/> per tenant, built from the database on
/// first use, rebuilt when technicians change and periodically (<see cref="DispatchIndexRefresher"/>); loads are
/// re-read after every change this process makes. The database stays the truth: a rebuild corrects any drift.</summary>
public sealed class DispatchIndex(RegionIndex regions)
{
    private readonly ConcurrentDictionary<Guid, TechnicianPool> _pools = new();

    public RegionIndex Regions => regions;

    public IEnumerable<Guid> Tenants => _pools.Keys;

    public async Task<TechnicianPool> GetAsync(ClaimLensDbContext db, Guid merchant, CancellationToken cancellationToken) =>
        _pools.TryGetValue(merchant, out var pool) ? pool : await RebuildAsync(db, merchant, cancellationToken);

    public async Task<TechnicianPool> RebuildAsync(ClaimLensDbContext db, Guid merchant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = await db.Merchants.AsNoTracking().Where(m => m.Id == merchant).Select(m => m.Settings.TimeZone).SingleOrDefaultAsync(cancellationToken);
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.MerchantId == merchant && t.Active)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var loads = await LoadsAsync(db, merchant, null, cancellationToken);
        var pool = TechnicianPool.Build(regions, Zone(zoneId), technicians, loads);
        _pools[merchant] = pool;
        return pool;
    }

    /// <summary>Re-reads the loads of <paramref name="technicians"/> (after a job moved to or from them).</summary>
    public async Task RefreshLoadsAsync(ClaimLensDbContext db, Guid merchant, IEnumerable<Guid?> technicians, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = technicians.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0 || !_pools.TryGetValue(merchant, out var pool))
            return;
        var loads = await LoadsAsync(db, merchant, ids, cancellationToken);
        foreach (var id in ids)
        {
            if (pool.TryFindSlot(id, out var slot))
                pool.SetLoad(slot, loads.GetValueOrDefault(id));
        }
    }

    public void UpdatePosition(Guid merchant, Guid technician, double latitude, double longitude)
    {
        if (_pools.TryGetValue(merchant, out var pool) && pool.TryFindSlot(technician, out var slot))
            pool.SetPosition(slot, latitude, longitude);
    }

    private static async Task<Dictionary<Guid, int>> LoadsAsync(ClaimLensDbContext db, Guid merchant, List<Guid>? only, CancellationToken cancellationToken)
    {
        RepairStatus[] holding = [RepairStatus.Assigned, RepairStatus.Accepted, RepairStatus.OnTheWay, RepairStatus.OnSite];
        var query = db.ServiceRequests.AsNoTracking().Where(r => r.MerchantId == merchant && r.TechnicianId != null && holding.Contains(r.Status));
        if (only is not null)
            query = query.Where(r => only.Contains(r.TechnicianId!.Value));
        var counts = await query.GroupBy(r => r.TechnicianId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    internal static TimeZoneInfo Zone(string? id)
    {
        try
        {
            return id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        }
    }
}
