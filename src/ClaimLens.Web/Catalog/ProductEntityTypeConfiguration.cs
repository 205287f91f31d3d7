using ClaimLens.Web.Accounts;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Catalog;

internal sealed class ProductEntityTypeConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.Property(p => p.Brand).HasMaxLength(100);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => new { p.MerchantId, p.Sku }).IsUnique();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId);
        builder.HasMany(p => p.ReferencePhotos).WithOne().HasForeignKey(r => r.ProductId);
    }
}

internal sealed class ReferencePhotoEntityTypeConfiguration : IEntityTypeConfiguration<ReferencePhoto>
{
    public void Configure(EntityTypeBuilder<ReferencePhoto> builder)
    {
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.FileName).HasMaxLength(255);
        builder.HasOne<MediaBlob>().WithMany().HasForeignKey(r => r.Sha256);
    }
}
