namespace ClaimLens.Web.Repairs;

/// <summary>A time the customer prefers for the visit.</summary>
public sealed class TimeWindow
{
    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }
}
