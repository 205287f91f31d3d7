namespace ClaimLens.Web.Repairs.Reports;

/// <summary>The columns a report groups and counts, one per request (or job): the database sees this projection, so
/// the grouping keys and the counted conditions are SQL, not rows sent to the desk.</summary>
internal sealed class ReportFacts
{
    public string ProvinceCode { get; init; } = "";

    public string CityCode { get; init; } = "";

    public string CountyCode { get; init; } = "";

    public string Brand { get; init; } = "";

    public Guid? TechnicianId { get; init; }

    /// <summary>Created (for the response target) or completed (for jobs).</summary>
    public DateTimeOffset At { get; init; }

    public bool? ResponseMet { get; init; }

    public bool OneVisit { get; init; }

    public bool CameBack { get; init; }

    public int? Satisfaction { get; init; }
}
