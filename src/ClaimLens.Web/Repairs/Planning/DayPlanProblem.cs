namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A day's visits and technicians, with the travel times between every pair of places computed once.
/// Node numbering (shared by both planners): visits 0..n-1, then each technician's start n..n+m-1.</summary>
public sealed class DayPlanProblem
{
    public DayPlanProblem(IReadOnlyList<PlanVisit> visits, IReadOnlyList<PlanTechnician> technicians, TravelModel travel)
    {
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(technicians);
        ArgumentNullException.ThrowIfNull(travel);
        Visits = visits;
        Technicians = technicians;
        Travel = travel;
        var places = visits.Select(v => (v.Latitude, v.Longitude)).Concat(technicians.Select(t => (t.Latitude, t.Longitude))).ToArray();
        TravelSeconds = new long[places.Length][];
        for (var i = 0; i < places.Length; i++)
        {
            TravelSeconds[i] = new long[places.Length];
            for (var j = 0; j < places.Length; j++)
                TravelSeconds[i][j] = i == j ? 0 : travel.Seconds(places[i].Latitude, places[i].Longitude, places[j].Latitude, places[j].Longitude);
        }
    }

    public IReadOnlyList<PlanVisit> Visits { get; }

    public IReadOnlyList<PlanTechnician> Technicians { get; }

    public TravelModel Travel { get; }

    /// <summary>Seconds between nodes (see the class summary for the numbering).</summary>
    public long[][] TravelSeconds { get; }

    public int StartNode(int technician) => Visits.Count + technician;
}
