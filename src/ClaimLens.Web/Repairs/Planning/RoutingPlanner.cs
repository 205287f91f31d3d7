using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace ClaimLens.Web.Repairs.Planning;

/// <summary>The day plan as a vehicle routing problem with time windows for OR-Tools (decision 0018): one vehicle per
/// technician starting at their start node and ending at a free dummy node (routes end at the last visit); arc cost =
/// travel seconds; a time dimension (travel + service) with waiting allowed, each visit's start inside its window,
/// each route inside its shift; allowed vehicles per visit for skills and coverage; every visit optional at a
/// penalty far above any travel saving, so only visits nobody can reach are dropped. The search starts from the greedy
/// plan, so the result is never worse than it, and improves it by guided local search under the time and solution limits.</summary>
public static class RoutingPlanner
{
    /// <summary>The cost of leaving a visit out: more than a week of driving, so dropping is a last resort.</summary>
    public const long DropPenalty = 1_000_000;

    public static RoutePlan Solve(DayPlanProblem problem, RoutingSettings settings, RoutePlan? start = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        start ??= GreedyPlanner.Solve(problem);
        var n = problem.Visits.Count;
        var m = problem.Technicians.Count;
        var routable = Enumerable.Range(0, n).Where(v => problem.Visits[v].Technicians.Count > 0).ToList();
        if (m == 0 || routable.Count == 0)
            return start;

        // Nodes of the model: routable visits 0..r-1, technician starts r..r+m-1, ends r+m..r+2m-1.
        var r = routable.Count;
        var size = r + 2 * m;
        var original = new int[size];
        for (var i = 0; i < r; i++)
            original[i] = routable[i];
        for (var t = 0; t < m; t++)
            original[r + t] = problem.StartNode(t);
        var travel = new long[size][];
        var busy = new long[size][];
        for (var i = 0; i < size; i++)
        {
            travel[i] = new long[size];
            busy[i] = new long[size];
            var service = i < r ? problem.Visits[original[i]].ServiceSeconds : 0;
            for (var j = 0; j < size; j++)
            {
                // Into an end node is free: the day ends where the last job ends. Nothing leaves an end node.
                var leg = i >= r + m || j >= r + m ? 0 : problem.TravelSeconds[original[i]][original[j]];
                travel[i][j] = leg;
                busy[i][j] = i >= r + m ? 0 : leg + service;
            }
        }

        var starts = Enumerable.Range(r, m).ToArray();
        var ends = Enumerable.Range(r + m, m).ToArray();
        using var manager = new RoutingIndexManager(size, m, starts, ends);
        using var routing = new RoutingModel(manager);
        var cost = routing.RegisterTransitMatrix(travel);
        routing.SetArcCostEvaluatorOfAllVehicles(cost);
        var horizon = Math.Max(problem.Technicians.Max(t => t.ShiftEnd), problem.Visits.Max(v => v.WindowEnd + v.ServiceSeconds)) + 1;
        routing.AddDimension(routing.RegisterTransitMatrix(busy), horizon, horizon, false, "Time");
        var time = routing.GetDimensionOrDie("Time");
        for (var i = 0; i < r; i++)
        {
            var visit = problem.Visits[original[i]];
            var index = manager.NodeToIndex(i);
            time.CumulVar(index).SetRange(Math.Max(0, visit.WindowStart), Math.Max(0, visit.WindowEnd));
            routing.AddDisjunction([index], DropPenalty);
            routing.VehicleVar(index).SetValues([-1, .. visit.Technicians.Select(t => (long)t)]);
        }
        for (var t = 0; t < m; t++)
        {
            var shift = problem.Technicians[t];
            time.CumulVar(routing.Start(t)).SetRange(shift.ShiftStart, shift.ShiftEnd);
            time.CumulVar(routing.End(t)).SetRange(shift.ShiftStart, shift.ShiftEnd);
            // Start as late as the first job allows, so waiting is not counted at the service point.
            routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(t)));
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(settings.TimeLimit);
        parameters.SolutionLimit = settings.SolutionLimit;
        routing.CloseModelWithParameters(parameters);

        var index0 = new Dictionary<int, int>(r);
        for (var i = 0; i < r; i++)
            index0[original[i]] = i;
        var initialRoutes = start.Routes.Select(route => route.Select(s => manager.NodeToIndex(index0[s.Visit])).ToArray()).ToArray();
        var initial = routing.ReadAssignmentFromRoutes(initialRoutes, true);
        var solution = initial is null
            ? routing.SolveWithParameters(parameters)
            : routing.SolveFromAssignmentWithParameters(initial, parameters);
        if (solution is null)
            return start;

        var orders = new List<IReadOnlyList<int>>(m);
        var served = new HashSet<int>();
        for (var t = 0; t < m; t++)
        {
            var order = new List<int>();
            for (var index = solution.Value(routing.NextVar(routing.Start(t))); !routing.IsEnd(index); index = solution.Value(routing.NextVar(index)))
            {
                var visit = original[manager.IndexToNode(index)];
                order.Add(visit);
                served.Add(visit);
            }
            orders.Add(order);
        }
        var dropped = Enumerable.Range(0, n).Where(v => !served.Contains(v))
            .Select(v => new DroppedVisit(v, problem.Visits[v].Technicians.Count == 0 ? "no_technician" : "unreachable")).ToList();
        var plan = RoutePlan.FromOrders(problem, orders, dropped);
        // OR-Tools' plan satisfies the same constraints; the check guards against a model mistake reaching a technician.
        return plan is not null && Score(plan) <= Score(start) ? plan : start;
    }

    private static long Score(RoutePlan plan) => plan.TravelSeconds + plan.Dropped.Count * DropPenalty;
}
