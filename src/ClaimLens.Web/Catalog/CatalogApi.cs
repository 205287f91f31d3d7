using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Catalog;

/// <summary>Products and their reference photos.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/products").WithTags("Catalogue").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", CreateProduct).WithName("CreateProduct").WithSummary("Register a product (SKU, brand, name).");
        group.MapGet("/{sku}", GetProduct).WithName("GetProduct").WithSummary("A product and its reference photos.");
        group.MapPost("/{sku}/reference-photos", AddReferencePhotos).WithName("AddReferencePhotos")
            .WithSummary("Add reference photos (multipart field `photos`, JPEG/PNG/WebP).").DisableAntiforgery();
        return group;
    }

    public static async Task<Results<Created<ProductDto>, ValidationProblem>> CreateProduct(
        CreateProductRequest request, ClaimLensDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var (product, errors) = await ProductCatalog.CreateAsync(db, time, Caller.From(http.User), request, cancellationToken);
        if (product is null)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/products/{Uri.EscapeDataString(product.Sku)}", ProductDto.From(product));
    }

    public static async Task<Results<Ok<ProductDto>, NotFound>> GetProduct(string sku, ClaimLensDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var product = await db.Products.AsNoTracking().Include(p => p.ReferencePhotos)
            .SingleOrDefaultAsync(p => p.MerchantId == merchant && p.Sku == sku, cancellationToken);
        return product is null ? TypedResults.NotFound() : TypedResults.Ok(ProductDto.From(product));
    }

    public static async Task<Results<Created<ProductDto>, NotFound, ValidationProblem>> AddReferencePhotos(
        string sku, HttpContext http, ClaimLensDbContext db, MediaStore store, IOptions<MediaOptions> media, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var product = await db.Products.Include(p => p.ReferencePhotos)
            .SingleOrDefaultAsync(p => p.MerchantId == merchant && p.Sku == sku, cancellationToken);
        if (product is null)
            return TypedResults.NotFound();
        using var form = await UploadedForm.ReadAsync(http.Request, store, new HashSet<string> { "photos" }, 50, media.Value.MaxPhotoBytes, cancellationToken);
        var v = new Validation();
        if (form.Files.Count == 0)
            v.Add("photos", "at least one photo is required");
        v.Merge(await UploadedForm.CheckPicturesAsync(form.Files, media.Value.MaxPixels, cancellationToken));
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        await MediaCommit.CommitAsync(db, store, form.Files, now, cancellationToken);
        foreach (var file in form.Files)
        {
            product.ReferencePhotos.Add(new ReferencePhoto
            {
                Id = Guid.CreateVersion7(now), ProductId = product.Id, Sha256 = file.Sha256, FileName = SafeName(file.FileName), CreatedAt = now,
            });
        }
        db.Append(time, caller.Actor, "product.reference_photos_added", "product", product.Id, merchant,
            new { count = form.Files.Count, sha256 = form.Files.Select(f => f.Sha256) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/products/{Uri.EscapeDataString(product.Sku)}", ProductDto.From(product));
    }

    internal static string SafeName(string fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? "photo" : fileName.Length > 200 ? fileName[..200] : fileName;
}
