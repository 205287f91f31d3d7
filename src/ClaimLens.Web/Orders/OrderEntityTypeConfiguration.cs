using ClaimLens.Web.Accounts;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Orders;

internal sealed class OrderEntityTypeConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.OrderNo).HasMaxLength(64);
        builder.Property(o => o.BuyerId).HasMaxLength(128);
        builder.Property(o => o.BuyerPhoneProtected).HasMaxLength(512);
        builder.Property(o => o.BuyerKey).HasMaxLength(64);
        builder.HasIndex(o => new { o.MerchantId, o.OrderNo }).IsUnique();
        // The merchant's orders page lists newest first, a page at a time.
        builder.HasIndex(o => new { o.MerchantId, o.CreatedAt });
        builder.Property(o => o.BuyerLinkToken).HasMaxLength(BuyerLink.TokenLength);
        builder.HasIndex(o => o.BuyerLinkToken).IsUnique();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(o => o.MerchantId);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        builder.HasMany(o => o.PackingMedia).WithOne().HasForeignKey(m => m.OrderId);
    }
}

internal sealed class OrderLineEntityTypeConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(64);
        builder.Property(l => l.UnitPrice).HasPrecision(12, 2);
    }
}

internal sealed class PackingMediaEntityTypeConfiguration : IEntityTypeConfiguration<PackingMedia>
{
    public void Configure(EntityTypeBuilder<PackingMedia> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.HasOne<MediaBlob>().WithMany().HasForeignKey(m => m.Sha256);
        builder.Property(m => m.ProcessingError).HasMaxLength(PackingMedia.MaxErrorLength);
        // Unique, so two runs of one extraction job cannot both add a video's frames (photos have nulls here, and
        // nulls are distinct in a unique index on both providers).
        builder.HasIndex(m => new { m.SourceMediaId, m.AtSeconds }).IsUnique();
    }
}
