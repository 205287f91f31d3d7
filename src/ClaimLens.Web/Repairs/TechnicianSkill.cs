namespace ClaimLens.Web.Repairs;

/// <summary>A brand and product type a technician can repair (e.g. 德施曼 × smart_lock).</summary>
public sealed class TechnicianSkill
{
    public required string Brand { get; set; }

    public required string ProductType { get; set; }
}
