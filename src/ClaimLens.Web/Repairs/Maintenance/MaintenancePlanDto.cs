namespace ClaimLens.Web.Repairs.Maintenance;

/// <summary>A plan as the tenant sees it (customer data left out: it is on the requests' reveal path), with the visits made so far.</summary>
public sealed record MaintenancePlanDto(
    Guid Id, string Brand, string ProductType, string? Model, string TownCode, int IntervalMonths, DateOnly StartDate, TimeOnly WindowStart,
    TimeOnly WindowEnd, int ServiceMinutes, IReadOnlyList<DateOnly> Visits);
