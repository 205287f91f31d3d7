using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>Chooses technicians for a request (decision 0012). Candidates cover the request's town or county, have
/// the skill, are on shift now and under capacity; only when none is, those covering the city. Each is scored in
/// minutes: travel (haversine × detour at city speed, or an assumed time when a position is unknown) + load share ×
/// <see cref="DispatchWeights.LoadMinutes"/> + re-repair rate × <see cref="DispatchWeights.ReRepairMinutes"/> −
/// rating × <see cref="DispatchWeights.RatingMinutes"/>; lowest wins, ties by slot (stable).</summary>
public static class DispatchRanking
{
    /// <summary>The best candidate, or null when nobody eligible covers the request.</summary>
    public static RankedCandidate? Best(TechnicianPool pool, in DispatchQuery query, DispatchWeights weights, DateTimeOffset now,
        IReadOnlySet<Guid>? excluded = null)
    {
        var ranked = Rank(pool, query, weights, now, excluded, 1);
        return ranked.Count == 0 ? null : ranked[0];
    }

    /// <summary>Up to <paramref name="max"/> eligible candidates of the first tier that has any, best first.</summary>
    public static List<RankedCandidate> Rank(TechnicianPool pool, in DispatchQuery query, DispatchWeights weights, DateTimeOffset now,
        IReadOnlySet<Guid>? excluded, int max)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(weights);
        var local = TimeZoneInfo.ConvertTime(now, pool.Zone);
        var clock = new Clock(local.DayOfWeek, local.Hour * 60 + local.Minute);
        var best = new List<RankedCandidate>(max + 1);
        if (query.Skill < 0)
            return best;
        Consider(pool, query, weights, clock, excluded, pool.Covering(query.Town, query.Skill), RegionLevel.Town, best, max);
        if (query.County >= 0)
            Consider(pool, query, weights, clock, excluded, pool.Covering(query.County, query.Skill), RegionLevel.County, best, max);
        if (best.Count == 0 && query.City >= 0)
            Consider(pool, query, weights, clock, excluded, pool.Covering(query.City, query.Skill), RegionLevel.City, best, max);
        return best;
    }

    private static void Consider(TechnicianPool pool, in DispatchQuery query, DispatchWeights w, Clock clock, IReadOnlySet<Guid>? excluded,
        ReadOnlySpan<int> slots, RegionLevel tier, List<RankedCandidate> best, int max)
    {
        foreach (var slot in slots)
        {
            var load = pool.LoadOf(slot);
            var capacity = pool.Capacity[slot];
            if (load >= capacity || !pool.OnShift(slot, clock.Day, clock.Minute) || (excluded is { Count: > 0 } && excluded.Contains(pool.IdOf(slot))))
                continue;
            var (lat, lon) = pool.PositionOf(slot);
            var travel = double.IsNaN(lat) || double.IsNaN(query.Latitude)
                ? w.UnknownTravelMinutes
                : Geo.HaversineKm(lat, lon, query.Latitude, query.Longitude) * w.Detour / w.SpeedKmh * 60;
            var rate = pool.ReRepairRate[slot];
            var score = travel + (double)load / capacity * w.LoadMinutes + rate * w.ReRepairMinutes - pool.Rating[slot] * w.RatingMinutes;
            Insert(best, new RankedCandidate(slot, score, travel, load, rate, tier), max);
        }
    }

    private static void Insert(List<RankedCandidate> best, RankedCandidate candidate, int max)
    {
        // A technician listing both the town and its county is seen twice; the second sighting scores the same.
        foreach (var c in best)
        {
            if (c.Slot == candidate.Slot)
                return;
        }
        var at = best.Count;
        while (at > 0 && (best[at - 1].Score > candidate.Score || (best[at - 1].Score == candidate.Score && best[at - 1].Slot > candidate.Slot)))
            at--;
        if (at >= max)
            return;
        best.Insert(at, candidate);
        if (best.Count > max)
            best.RemoveAt(best.Count - 1);
    }

    private readonly record struct Clock(DayOfWeek Day, int Minute);
}
