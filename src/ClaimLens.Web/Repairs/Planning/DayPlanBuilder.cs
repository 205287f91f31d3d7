namespace ClaimLens.Web.Repairs.Planning;

/// <summary>Turns the day's visits and the tenant's technicians into a <see cref="DayPlanProblem"/>: technicians on
/// shift that day (first start to last end of their shifts that weekday), starting at their service point or else their
/// last reported position; each visit allowed to the technicians with its brand × product type skill who cover its town
/// (listing the town, its county or its city).</summary>
public static class DayPlanBuilder
{
    public static DayPlanBuild Build(IReadOnlyList<MaintenanceVisit> visits, IReadOnlyList<Technician> technicians,
        IReadOnlyDictionary<Guid, (double Latitude, double Longitude)> servicePoints, DateOnly date, string? serviceArea, TravelModel travel)
    {
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(technicians);
        ArgumentNullException.ThrowIfNull(servicePoints);
        var placed = visits.Where(v => v.Latitude is not null && v.Longitude is not null).ToList();
        var unplaceable = visits.Where(v => v.Latitude is null || v.Longitude is null).ToList();
        var working = new List<Technician>();
        var planTechnicians = new List<PlanTechnician>();
        var unplaced = new List<Guid>();
        foreach (var t in technicians)
        {
            var shifts = t.Shifts.Where(s => s.Day == date.DayOfWeek).ToList();
            if (shifts.Count == 0 || (serviceArea is not null && !t.Regions.Any(r => r.StartsWith(serviceArea, StringComparison.Ordinal))))
                continue;
            (double, double)? start = t.ServicePointId is { } p && servicePoints.TryGetValue(p, out var point) ? point
                : t.Latitude is { } lat && t.Longitude is { } lon ? (lat, lon) : null;
            if (start is not { } s)
            {
                unplaced.Add(t.Id);
                continue;
            }
            working.Add(t);
            planTechnicians.Add(new PlanTechnician(t.Id, s.Item1, s.Item2, Seconds(shifts.Min(x => x.Start)), Seconds(shifts.Max(x => x.End))));
        }
        var planVisits = placed.Select(v => new PlanVisit(v.Id, v.Latitude!.Value, v.Longitude!.Value, Seconds(v.WindowStart), Seconds(v.WindowEnd),
            v.ServiceMinutes * 60L, Allowed(v, working))).ToList();
        return new DayPlanBuild(new DayPlanProblem(planVisits, planTechnicians, travel), placed, working, unplaceable, unplaced);
    }

    private static int[] Allowed(MaintenanceVisit visit, List<Technician> technicians)
    {
        var allowed = new List<int>();
        for (var i = 0; i < technicians.Count; i++)
        {
            var t = technicians[i];
            // Region codes nest by prefix (city 1101 ⊃ county 110101 ⊃ town 110101001).
            if (t.Skills.Any(s => Same(s.Brand, visit.Brand) && Same(s.ProductType, visit.ProductType))
                && t.Regions.Any(r => visit.TownCode.StartsWith(r, StringComparison.Ordinal)))
                allowed.Add(i);
        }
        return [.. allowed];
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static long Seconds(TimeOnly t) => (long)t.ToTimeSpan().TotalSeconds;
}
