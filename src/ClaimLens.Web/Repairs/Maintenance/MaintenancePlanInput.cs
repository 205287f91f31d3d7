namespace ClaimLens.Web.Repairs.Maintenance;

/// <summary>A recurring maintenance plan: the device, the customer (name, phone, address), every how many months from
/// which date, the visit window (local times, e.g. "09:00"–"12:00") and how long a visit takes.</summary>
public sealed record MaintenancePlanInput(
    string? Brand, string? ProductType, string? Model, string? SerialNumber, AddressInput? Address, string? Name, string? Phone,
    double? Latitude, double? Longitude, int? IntervalMonths, DateOnly? StartDate, TimeOnly? WindowStart, TimeOnly? WindowEnd, int? ServiceMinutes);
