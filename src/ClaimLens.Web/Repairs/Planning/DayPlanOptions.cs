using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Repairs.Planning;

/// <summary>Day plan settings (section <c>ClaimLens:Repairs:DayPlan</c>); decision 0018.</summary>
public sealed class DayPlanOptions
{
    public const string Section = "ClaimLens:Repairs:DayPlan";

    /// <summary>How long OR-Tools searches at most (a request may ask for less).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many solutions the search may go through before stopping early.</summary>
    [Range(1, long.MaxValue)]
    public long SolutionLimit { get; set; } = 200_000;

    /// <summary>Average speed in town, door to door.</summary>
    [Range(1.0, 200.0)]
    public double SpeedKmh { get; set; } = 25;

    /// <summary>Added to every move between two places: parking, lifts, finding the door.</summary>
    [Range(0.0, 120.0)]
    public double OverheadMinutes { get; set; } = 5;
}
