namespace ClaimLens.Web.Repairs;

/// <summary>A warranty length for a brand, a fault type, or both (null matches any).</summary>
public sealed class WarrantyPolicy
{
    public string? Brand { get; set; }

    public string? FaultType { get; set; }

    public TimeSpan Length { get; set; } = TimeSpan.FromDays(90);
}
