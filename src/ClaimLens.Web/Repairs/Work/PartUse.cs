namespace ClaimLens.Web.Repairs.Work;

/// <summary>Parts used on a job, copied from the catalogue when recorded (name and price as they were then).</summary>
public sealed class PartUse
{
    public Guid PartId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceFen { get; set; }
}
