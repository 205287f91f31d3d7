namespace ClaimLens.Web.Catalog;

/// <summary>A product a merchant sells; its reference photos are what claim photos are compared with.</summary>
public sealed class Product
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string Sku { get; set; }

    public required string Brand { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ReferencePhoto> ReferencePhotos { get; set; } = [];
}
