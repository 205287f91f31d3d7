namespace ClaimLens.Web.Repairs;

/// <summary>A weekly working period in the tenant's time zone; <see cref="End"/> is after <see cref="Start"/> on the
/// same day (a night shift is two shifts).</summary>
public sealed class Shift
{
    public DayOfWeek Day { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }
}
