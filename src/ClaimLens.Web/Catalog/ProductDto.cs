namespace ClaimLens.Web.Catalog;

public sealed record ProductDto(string Sku, string Brand, string Name, IReadOnlyList<ReferencePhotoDto> ReferencePhotos)
{
    public static ProductDto From(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new ProductDto(product.Sku, product.Brand, product.Name,
            product.ReferencePhotos.OrderBy(r => r.CreatedAt).Select(r => new ReferencePhotoDto(r.Id, r.FileName, r.Sha256)).ToList());
    }
}

public sealed record ReferencePhotoDto(Guid Id, string FileName, string Sha256);
