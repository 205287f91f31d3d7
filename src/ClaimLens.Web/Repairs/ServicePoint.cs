namespace ClaimLens.Web.Repairs;

/// <summary>A tenant's service point (网点): the base technicians work from.</summary>
public sealed class ServicePoint
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string Name { get; set; }

    /// <summary>The region code of the point's address (county or town).</summary>
    public required string RegionCode { get; set; }

    public required string Street { get; set; }

    /// <summary>The point's public business phone (not personal data).</summary>
    public string? Phone { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
