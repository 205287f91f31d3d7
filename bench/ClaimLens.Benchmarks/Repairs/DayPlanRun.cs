using System.Diagnostics;
using System.Globalization;
using ClaimLens.Web.Repairs.Planning;

namespace ClaimLens.Benchmarks.Repairs;

/// <summary>The issue 5 day-plan target: 200 visits, 20 technicians in one city (seeded), planned within 30 s.
/// Not a BenchmarkDotNet run (one solve takes up to the time limit): <c>day-plan [timeLimitSeconds] [seed] [visits] [technicians]</c>
/// prints the solve time and both plans' travel.</summary>
public static class DayPlanRun
{
    private const long Hour = 3600;

    public static int Run(string[] args)
    {
        var limit = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2026;
        var visitCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var technicianCount = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var problem = Instance(seed, visitCount, technicianCount);

        var clock = Stopwatch.StartNew();
        var greedy = GreedyPlanner.Solve(problem);
        var greedyTime = clock.Elapsed;
        var best = RoutingPlanner.Solve(problem, new RoutingSettings(TimeSpan.FromSeconds(limit), RoutingSettings.Default.SolutionLimit), greedy);
        var total = clock.Elapsed;

        var saving = greedy.TravelSeconds == 0 ? 0 : 100.0 * (greedy.TravelSeconds - best.TravelSeconds) / greedy.TravelSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"day plan: {visitCount} visits, {technicianCount} technicians, seed {seed}, time limit {limit} s, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"greedy:   {greedy.TravelSeconds / 60.0,8:F1} travel minutes, {Served(greedy),3} served, {greedy.Dropped.Count,3} dropped, {greedyTime.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OR-Tools: {best.TravelSeconds / 60.0,8:F1} travel minutes, {Served(best),3} served, {best.Dropped.Count,3} dropped, {total.TotalSeconds:F2} s in all (greedy included)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"travel saving vs greedy: {saving:F1} %"));
        return 0;
    }

    /// <summary>Visits and technicians within ~12 km of central Beijing; four skills, each technician with two, each
    /// visit needing one; 2- or 4-hour windows between 08:00 and 18:00; 20–50 minutes of work.</summary>
    public static DayPlanProblem Instance(int seed, int visitCount, int technicianCount)
    {
        var random = new Random(seed);
        (double, double) Near() => (39.91 + (random.NextDouble() - 0.5) * 0.2, 116.40 + (random.NextDouble() - 0.5) * 0.26);
        var skills = new int[technicianCount][];
        var technicians = new PlanTechnician[technicianCount];
        for (var t = 0; t < technicianCount; t++)
        {
            var first = random.Next(4);
            skills[t] = [first, (first + 1 + random.Next(3)) % 4];
            var (lat, lon) = Near();
            var start = random.Next(2) == 0 ? 8 * Hour : 9 * Hour;
            technicians[t] = new PlanTechnician(Guid.NewGuid(), lat, lon, start, start + 10 * Hour);
        }
        var visits = new PlanVisit[visitCount];
        for (var v = 0; v < visitCount; v++)
        {
            var skill = random.Next(4);
            var length = random.Next(2) == 0 ? 2 * Hour : 4 * Hour;
            var from = 8 * Hour + random.Next(0, (int)((10 * Hour - length) / 1800) + 1) * 1800;
            var (lat, lon) = Near();
            var allowed = Enumerable.Range(0, technicianCount).Where(t => skills[t].Contains(skill)).ToArray();
            visits[v] = new PlanVisit(Guid.NewGuid(), lat, lon, from, from + length, random.Next(20, 51) * 60, allowed);
        }
        return new DayPlanProblem(visits, technicians, new TravelModel());
    }

    private static int Served(RoutePlan plan) => plan.Routes.Sum(r => r.Count);
}
