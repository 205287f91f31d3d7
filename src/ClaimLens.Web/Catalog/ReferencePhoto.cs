namespace ClaimLens.Web.Catalog;

/// <summary>A listing or studio photo of a product, stored in the media store by its SHA-256.</summary>
public sealed class ReferencePhoto
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string Sha256 { get; set; }

    public required string FileName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
