using ClaimLens.Web.Repairs.Planning;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The two planners on instances small enough to know the answer, and a seeded random one.</summary>
public sealed class DayPlanSolverTests
{
    private const double Latitude = 39.9;
    private const double Longitude = 116.4;
    private const long Hour = 3600;
    private static readonly TravelModel Travel = new();
    private static readonly RoutingSettings Quick = new(TimeSpan.FromSeconds(2), 20_000);

    /// <summary>A point <paramref name="km"/> north of the origin (on a meridian, distances add up exactly).</summary>
    private static double North(double km) => Latitude + km / (Math.PI * 6371.0088 / 180);

    private static PlanVisit Visit(double km, long windowStart, long windowEnd, params int[] technicians) =>
        new(Guid.NewGuid(), North(km), Longitude, windowStart, windowEnd, 1800, technicians);

    private static PlanTechnician Technician(double km) => new(Guid.NewGuid(), North(km), Longitude, 8 * Hour, 18 * Hour);

    [Fact]
    public void Solve_SixVisitsOnALine_FindsTheKnownOptimum_WhereGreedyDoesNot()
    {
        // Technicians at 0 and 10 km; visits at 1, 2, 3 and 7, 8, 9 km. Window starts (a minute apart) make the
        // greedy plan take them as 3, 2, 1, 7, 8, 9: A goes out to 3 and back, B in to 7 and back out.
        // The optimum: A takes 1, 2, 3 and B takes 9, 8, 7: six 1-km legs.
        int[] both = [0, 1];
        var visits = new[]
        {
            Visit(3, 8 * Hour, 17 * Hour, both), Visit(2, 8 * Hour + 60, 17 * Hour, both), Visit(1, 8 * Hour + 120, 17 * Hour, both),
            Visit(7, 8 * Hour + 180, 17 * Hour, both), Visit(8, 8 * Hour + 240, 17 * Hour, both), Visit(9, 8 * Hour + 300, 17 * Hour, both),
        };
        var problem = new DayPlanProblem(visits, [Technician(0), Technician(10)], Travel);
        var oneKm = Travel.Seconds(North(0), Longitude, North(1), Longitude);
        var threeKm = Travel.Seconds(North(0), Longitude, North(3), Longitude);

        var greedy = GreedyPlanner.Solve(problem);
        var best = RoutingPlanner.Solve(problem, Quick, greedy);

        Assert.Equal(2 * (threeKm + 2 * oneKm), greedy.TravelSeconds);
        Assert.Equal(6 * oneKm, best.TravelSeconds);
        Assert.Equal([2, 1, 0], best.Routes[0].Select(s => s.Visit));
        Assert.Equal([5, 4, 3], best.Routes[1].Select(s => s.Visit));
        Assert.Empty(best.Dropped);
    }

    [Fact]
    public void Solve_VisitNobodyMayTake_IsDroppedAsNoTechnician_AndOneOutOfReach_AsUnreachable()
    {
        var visits = new[]
        {
            Visit(1, 8 * Hour, 17 * Hour, 0),
            Visit(2, 8 * Hour, 17 * Hour),                   // bad input tried: a skill nobody has (empty allowed set)
            Visit(60, 8 * Hour, 8 * Hour + 300, 0),          // 60 km away but must start within 5 minutes of the shift
        };
        var problem = new DayPlanProblem(visits, [Technician(0)], Travel);

        foreach (var plan in new[] { GreedyPlanner.Solve(problem), RoutingPlanner.Solve(problem, Quick) })
        {
            Assert.Equal([0], plan.Routes[0].Select(s => s.Visit));
            Assert.Equal([new DroppedVisit(1, "no_technician"), new DroppedVisit(2, "unreachable")], plan.Dropped.OrderBy(d => d.Visit));
        }
    }

    [Fact]
    public void Solve_WindowsDecideTheOrder_NotDistance()
    {
        // The nearer visit may only start in the afternoon, so it comes second, and the technician waits for it.
        var visits = new[] { Visit(1, 15 * Hour, 16 * Hour, 0), Visit(2, 9 * Hour, 10 * Hour, 0) };
        var problem = new DayPlanProblem(visits, [Technician(0)], Travel);

        var plan = RoutingPlanner.Solve(problem, Quick);

        Assert.Equal([1, 0], plan.Routes[0].Select(s => s.Visit));
        var late = plan.Routes[0][1];
        Assert.Equal(15 * Hour, late.Start);
        Assert.True(late.Arrival < late.Start);
    }

    [Fact]
    public void Solve_SeededRandomDay_KeepsEveryWindowShiftAndSkill_AndIsNeverWorseThanGreedy()
    {
        var random = new Random(7);
        var technicians = Enumerable.Range(0, 4)
            .Select(i => new PlanTechnician(Guid.NewGuid(), North(random.NextDouble() * 10), Longitude + random.NextDouble() * 0.1,
                (8 + i % 2) * Hour, (17 + i % 2) * Hour))
            .ToArray();
        var visits = Enumerable.Range(0, 30).Select(_ =>
        {
            var start = (8 + random.Next(0, 8)) * Hour;
            var allowed = Enumerable.Range(0, 4).Where(_ => random.NextDouble() < 0.5).ToArray();
            return new PlanVisit(Guid.NewGuid(), North(random.NextDouble() * 10), Longitude + random.NextDouble() * 0.1, start,
                start + random.Next(1, 4) * Hour, random.Next(2, 7) * 600, allowed);
        }).ToArray();
        var problem = new DayPlanProblem(visits, technicians, Travel);

        var greedy = GreedyPlanner.Solve(problem);
        var best = RoutingPlanner.Solve(problem, Quick, greedy);

        Assert.True(best.Dropped.Count < greedy.Dropped.Count
            || (best.Dropped.Count == greedy.Dropped.Count && best.TravelSeconds <= greedy.TravelSeconds),
            $"OR-Tools {best.TravelSeconds}s/{best.Dropped.Count} dropped vs greedy {greedy.TravelSeconds}s/{greedy.Dropped.Count}");
        Assert.Equal(visits.Length, best.Routes.Sum(r => r.Count) + best.Dropped.Count);
        for (var t = 0; t < technicians.Length; t++)
        {
            var free = technicians[t].ShiftStart;
            foreach (var stop in best.Routes[t])
            {
                var visit = visits[stop.Visit];
                Assert.Contains(t, visit.Technicians);
                Assert.InRange(stop.Start, Math.Max(visit.WindowStart, stop.Arrival), visit.WindowEnd);
                Assert.True(stop.Arrival >= free, "arrived before the previous visit ended");
                free = stop.Start + visit.ServiceSeconds;
                Assert.True(free <= technicians[t].ShiftEnd, "work runs past the shift");
            }
        }
    }
}
