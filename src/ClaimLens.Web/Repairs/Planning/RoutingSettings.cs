namespace ClaimLens.Web.Repairs.Planning;

/// <summary>How long OR-Tools may search: guided local search stops at whichever limit comes first.</summary>
public sealed record RoutingSettings(TimeSpan TimeLimit, long SolutionLimit)
{
    public static RoutingSettings Default { get; } = new(TimeSpan.FromSeconds(20), 200_000);
}
