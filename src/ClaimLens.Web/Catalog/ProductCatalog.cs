using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Catalog;

/// <summary>Registering a product, as the API and the merchant's products page both do it.</summary>
public static class ProductCatalog
{
    public const int MaxSkuLength = 64;
    public const int MaxBrandLength = 100;
    public const int MaxNameLength = 200;

    /// <summary>Checks and saves a product of <paramref name="caller"/>'s merchant; on bad input returns no product
    /// and every bad field (<c>sku</c>, <c>brand</c>, <c>name</c>).</summary>
    public static async Task<(Product? Product, Dictionary<string, string[]> Errors)> CreateAsync(
        ClaimLensDbContext db, TimeProvider time, Caller caller, CreateProductRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var sku = v.Required("sku", request.Sku, MaxSkuLength);
        var brand = v.Required("brand", request.Brand, MaxBrandLength);
        var name = v.Required("name", request.Name, MaxNameLength);
        if (sku is not null && await db.Products.AnyAsync(p => p.MerchantId == merchant && p.Sku == sku, cancellationToken))
            v.Add("sku", $"a product with SKU \"{sku}\" exists already");
        if (!v.IsValid)
            return (null, v.ToDictionary());
        var product = new Product
        {
            Id = Guid.CreateVersion7(), MerchantId = merchant, Sku = sku!, Brand = brand!, Name = name!, CreatedAt = time.GetUtcNow(),
        };
        db.Products.Add(product);
        db.Append(time, caller.Actor, "product.created", "product", product.Id, merchant, new { product.Sku });
        await db.SaveChangesAsync(cancellationToken);
        return (product, []);
    }
}
