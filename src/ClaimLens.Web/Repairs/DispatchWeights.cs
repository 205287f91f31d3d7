namespace ClaimLens.Web.Repairs;

/// <summary>How dispatch trades travel against load and quality; every term is in "minutes of travel" so the
/// weights read as "how many minutes of extra driving is this worth".</summary>
public sealed class DispatchWeights
{
    /// <summary>Average road speed turning straight-line distance into minutes (city traffic, not highway).</summary>
    public double SpeedKmh { get; set; } = 25;

    /// <summary>Road distance over straight-line distance.</summary>
    public double Detour { get; set; } = 1.3;

    /// <summary>Travel assumed when the technician's or the customer's position is not known.</summary>
    public double UnknownTravelMinutes { get; set; } = 40;

    /// <summary>Minutes a fully loaded technician costs over an idle one.</summary>
    public double LoadMinutes { get; set; } = 30;

    /// <summary>Minutes a re-repair rate of 100% costs (10% costs a tenth).</summary>
    public double ReRepairMinutes { get; set; } = 200;

    /// <summary>Minutes one rating star (of 5) is worth.</summary>
    public double RatingMinutes { get; set; } = 3;
}
