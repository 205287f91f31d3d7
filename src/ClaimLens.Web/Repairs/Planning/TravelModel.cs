namespace ClaimLens.Web.Repairs.Planning;

/// <summary>Travel time between two points of a city: great-circle distance at an urban speed, plus a fixed
/// overhead for every move between different places (parking, lifts, finding the door). Decision 0014.</summary>
public sealed record TravelModel(double SpeedKmh = 25, double OverheadMinutes = 5)
{
    /// <summary>Whole seconds from one WGS-84 point to another; 0 for the same point.</summary>
    public long Seconds(double lat1, double lon1, double lat2, double lon2)
    {
        var km = Geo.HaversineKm(lat1, lon1, lat2, lon2);
        if (km < 0.001)
            return 0;
        return (long)Math.Round(km / SpeedKmh * 3600 + OverheadMinutes * 60);
    }
}
