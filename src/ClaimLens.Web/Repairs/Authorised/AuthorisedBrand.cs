namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>A brand the tenant is authorised (by the brand owner) to service.</summary>
public sealed class AuthorisedBrand
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string Brand { get; set; }

    /// <summary>The brand folded for lookup (trimmed, upper case).</summary>
    public required string BrandKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
