namespace ClaimLens.Web.Repairs.Planning;

/// <summary>A planned on-site visit (maintenance) on a day, in the tenant's time zone: what day plans route. Made
/// ahead from a <see cref="Maintenance.MaintenancePlan"/> or added on its own; a day plan fills in who and when.</summary>
public sealed class MaintenanceVisit
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>The plan that made it; with <see cref="Date"/> unique, so making visits ahead twice makes nothing new.</summary>
    public Guid? PlanId { get; set; }

    public required string Brand { get; set; }

    public required string ProductType { get; set; }

    public required string CityCode { get; set; }

    public required string TownCode { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>When the work may start, local time of <see cref="Date"/>.</summary>
    public TimeOnly WindowStart { get; set; }

    public TimeOnly WindowEnd { get; set; }

    public int ServiceMinutes { get; set; }

    public VisitStatus Status { get; set; }

    /// <summary>Set by the last day plan; null when that plan left the visit out.</summary>
    public Guid? TechnicianId { get; set; }

    public DateTimeOffset? PlannedStart { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
