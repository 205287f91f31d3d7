using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Merchant.Products;

/// <summary>One product and its reference photos; new photos go to the catalogue API (the same operation as an
/// integration's upload), after which the gallery partial is fetched again.</summary>
public sealed class DetailModel(ClaimLensDbContext db) : PageModel
{
    public ProductView Product { get; private set; } = null!;

    public IReadOnlyList<ReferenceView> References { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string sku) => await LoadAsync(sku) ? Page() : NotFound();

    public async Task<IActionResult> OnGetGalleryAsync(string sku) =>
        await LoadAsync(sku) ? Partial("_ReferenceGallery", References) : NotFound();

    private async Task<bool> LoadAsync(string sku)
    {
        var merchant = Caller.From(User).RequireMerchant();
        var product = await db.Products.AsNoTracking().Where(p => p.MerchantId == merchant && p.Sku == sku)
            .Select(p => new ProductView(p.Id, p.Sku, p.Brand, p.Name)).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (product is null)
            return false;
        Product = product;
        References = await db.ReferencePhotos.AsNoTracking().Where(r => r.ProductId == product.Id).OrderBy(r => r.CreatedAt)
            .Select(r => new ReferenceView(r.Id, r.FileName)).ToListAsync(HttpContext.RequestAborted);
        return true;
    }

    public sealed record ProductView(Guid Id, string Sku, string Brand, string Name);

    public sealed record ReferenceView(Guid Id, string FileName);
}
