namespace ClaimLens.Web.Repairs.Work;

/// <summary>A spare part in a tenant's catalogue. Jobs name parts by <see cref="Code"/>; a part is never deleted
/// (jobs keep pointing at it), only made inactive.</summary>
public sealed class Part
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>The tenant's own part number, unique per tenant (e.g. <c>KDS-MOTOR-01</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The brands the part fits; empty for a part that fits any brand.</summary>
    public List<string> Brands { get; set; } = [];

    /// <summary>Price in fen (hundredths of a yuan): money is counted in whole units, never in floating point.</summary>
    public long PriceFen { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
