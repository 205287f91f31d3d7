namespace ClaimLens.Web.Catalog;

public sealed record CreateProductRequest(string? Sku, string? Brand, string? Name);
