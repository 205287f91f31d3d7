namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A plan for the day: one ordered route per technician (same order as the problem's), the visits left
/// out, and the total travel (start → first visit → … → last visit; routes end where the work ends).</summary>
public sealed record RoutePlan(IReadOnlyList<IReadOnlyList<PlannedStop>> Routes, IReadOnlyList<DroppedVisit> Dropped, long TravelSeconds)
{
    /// <summary>Recomputes arrivals (earliest, waiting for windows) and travel for the given visit orders; null when an
    /// order breaks a window, a shift or an allowed set. Both planners report through this, so they are measured alike.</summary>
    public static RoutePlan? FromOrders(DayPlanProblem problem, IReadOnlyList<IReadOnlyList<int>> orders, IReadOnlyList<DroppedVisit> dropped)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(orders);
        var routes = new List<IReadOnlyList<PlannedStop>>(orders.Count);
        long travel = 0;
        for (var t = 0; t < orders.Count; t++)
        {
            var technician = problem.Technicians[t];
            var at = problem.StartNode(t);
            var clock = technician.ShiftStart;
            var stops = new List<PlannedStop>(orders[t].Count);
            foreach (var v in orders[t])
            {
                var visit = problem.Visits[v];
                var leg = problem.TravelSeconds[at][v];
                var arrival = clock + leg;
                var start = Math.Max(arrival, visit.WindowStart);
                if (start > visit.WindowEnd || start + visit.ServiceSeconds > technician.ShiftEnd || !visit.Technicians.Contains(t))
                    return null;
                stops.Add(new PlannedStop(v, arrival, start));
                travel += leg;
                clock = start + visit.ServiceSeconds;
                at = v;
            }
            routes.Add(stops);
        }
        return new RoutePlan(routes, dropped, travel);
    }
}
