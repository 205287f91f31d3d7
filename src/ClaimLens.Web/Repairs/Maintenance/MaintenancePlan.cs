namespace ClaimLens.Web.Repairs.Maintenance;

/// <summary>Recurring maintenance of one customer device: a visit every <see cref="IntervalMonths"/> months from
/// <see cref="StartDate"/> (the k-th on StartDate + k × interval, so month ends do not drift). Customer data is
/// stored encrypted like a request's.</summary>
public sealed class MaintenancePlan
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string Brand { get; set; }

    public required string ProductType { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public required string CityCode { get; set; }

    public required string CountyCode { get; set; }

    public required string TownCode { get; set; }

    public required string StreetProtected { get; set; }

    public required string NameProtected { get; set; }

    public required string PhoneProtected { get; set; }

    public required string PhoneIndex { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public int IntervalMonths { get; set; }

    public DateOnly StartDate { get; set; }

    public TimeOnly WindowStart { get; set; }

    public TimeOnly WindowEnd { get; set; }

    public int ServiceMinutes { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
