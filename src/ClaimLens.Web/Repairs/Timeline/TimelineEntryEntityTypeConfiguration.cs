using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs.Timeline;

internal sealed class TimelineEntryEntityTypeConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Direction).HasMaxLength(10);
        builder.Property(e => e.Author).HasMaxLength(200);
        builder.Property(e => e.TextProtected).HasMaxLength(6000);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId);
        builder.HasIndex(e => new { e.RequestId, e.At });
    }
}
