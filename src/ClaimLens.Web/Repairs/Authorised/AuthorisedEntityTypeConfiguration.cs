using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs.Authorised;

internal sealed class AuthorisedBrandEntityTypeConfiguration : IEntityTypeConfiguration<AuthorisedBrand>
{
    public void Configure(EntityTypeBuilder<AuthorisedBrand> builder)
    {
        builder.Property(b => b.Brand).HasMaxLength(64);
        builder.Property(b => b.BrandKey).HasMaxLength(64);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(b => b.MerchantId);
        builder.HasIndex(b => new { b.MerchantId, b.BrandKey }).IsUnique();
    }
}

internal sealed class OfficialPhoneEntityTypeConfiguration : IEntityTypeConfiguration<OfficialPhone>
{
    public void Configure(EntityTypeBuilder<OfficialPhone> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(20);
        builder.Property(p => p.Label).HasMaxLength(100);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId);
        // The public check looks numbers up across tenants.
        builder.HasIndex(p => p.Number);
        builder.HasIndex(p => new { p.MerchantId, p.Number }).IsUnique();
    }
}
