using ClaimLens.Web.Accounts;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Products;

/// <summary>The merchant's products by SKU with their first reference photo and count, and the form to add one.</summary>
public sealed class IndexModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public string? Sku { get; set; }

    [BindProperty]
    public string? Brand { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ProductRow> Rows { get; private set; } = [];

    public bool HasNext { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (product, errors) = await ProductCatalog.CreateAsync(db, time, Caller.From(User), new CreateProductRequest(Sku, Brand, Name),
            HttpContext.RequestAborted);
        if (product is not null)
            return Redirect($"/merchant/products/{Uri.EscapeDataString(product.Sku)}");
        foreach (var (field, messages) in errors)
            Errors[field] = Localize(field, messages[0]);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The core's English message for a field, said in the page's language.</summary>
    public static string Localize(string field, string message)
    {
        var (zh, en, max) = field switch
        {
            "sku" => ("SKU", "SKU", ProductCatalog.MaxSkuLength),
            "brand" => ("品牌", "Brand", ProductCatalog.MaxBrandLength),
            _ => ("名称", "Name", ProductCatalog.MaxNameLength),
        };
        if (message.Contains("exists already", StringComparison.Ordinal))
            return L("已有相同 SKU 的商品。", "A product with this SKU exists already.");
        if (message.Contains("longer than", StringComparison.Ordinal))
            return L($"{zh}不能超过 {max} 个字符。", $"{en} may not be longer than {max} characters.");
        return L($"请填写{zh}。", $"{en} is required.");
    }

    private async Task LoadAsync()
    {
        var merchant = Caller.From(User).RequireMerchant();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var rows = await db.Products.AsNoTracking().Where(p => p.MerchantId == merchant).OrderBy(p => p.Sku)
            .Skip((PageNumber - 1) * MerchantPages.PageSize).Take(MerchantPages.PageSize + 1)
            .Select(p => new ProductRow(p.Sku, p.Brand, p.Name, p.ReferencePhotos.Count,
                p.ReferencePhotos.OrderBy(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefault()))
            .ToListAsync(HttpContext.RequestAborted);
        HasNext = rows.Count > MerchantPages.PageSize;
        Rows = rows.Take(MerchantPages.PageSize).ToList();
    }

    public sealed record ProductRow(string Sku, string Brand, string Name, int ReferenceCount, Guid? FirstReferenceId);
}
