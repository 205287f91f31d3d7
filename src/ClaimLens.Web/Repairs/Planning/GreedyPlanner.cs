namespace ClaimLens.Web.Repairs.Planning;

/// <summary>The yardstick: visits in window order (start, then end), each appended to the allowed technician who can
/// still make its window and shift with the least added travel (ties: the earlier start). What nobody can take is dropped.</summary>
public static class GreedyPlanner
{
    public static RoutePlan Solve(DayPlanProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var m = problem.Technicians.Count;
        var at = Enumerable.Range(0, m).Select(problem.StartNode).ToArray();
        var free = problem.Technicians.Select(t => t.ShiftStart).ToArray();
        var orders = Enumerable.Range(0, m).Select(_ => new List<int>()).ToArray();
        var dropped = new List<DroppedVisit>();
        var sequence = Enumerable.Range(0, problem.Visits.Count)
            .OrderBy(v => problem.Visits[v].WindowStart).ThenBy(v => problem.Visits[v].WindowEnd).ThenBy(v => v);
        foreach (var v in sequence)
        {
            var visit = problem.Visits[v];
            if (visit.Technicians.Count == 0)
            {
                dropped.Add(new DroppedVisit(v, "no_technician"));
                continue;
            }
            var best = -1;
            long bestLeg = 0, bestStart = 0;
            foreach (var t in visit.Technicians)
            {
                var leg = problem.TravelSeconds[at[t]][v];
                var start = Math.Max(free[t] + leg, visit.WindowStart);
                if (start > visit.WindowEnd || start + visit.ServiceSeconds > problem.Technicians[t].ShiftEnd)
                    continue;
                if (best < 0 || leg < bestLeg || (leg == bestLeg && start < bestStart))
                    (best, bestLeg, bestStart) = (t, leg, start);
            }
            if (best < 0)
            {
                dropped.Add(new DroppedVisit(v, "unreachable"));
                continue;
            }
            orders[best].Add(v);
            at[best] = v;
            free[best] = bestStart + visit.ServiceSeconds;
        }
        // The orders were built with the same arithmetic FromOrders checks, so they are always feasible.
        return RoutePlan.FromOrders(problem, orders, dropped)!;
    }
}
