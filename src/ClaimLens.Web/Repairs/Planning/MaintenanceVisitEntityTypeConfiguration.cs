using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs.Planning;

internal sealed class MaintenanceVisitEntityTypeConfiguration : IEntityTypeConfiguration<MaintenanceVisit>
{
    public void Configure(EntityTypeBuilder<MaintenanceVisit> builder)
    {
        builder.Property(v => v.Brand).HasMaxLength(64);
        builder.Property(v => v.ProductType).HasMaxLength(64);
        builder.Property(v => v.CityCode).HasMaxLength(12);
        builder.Property(v => v.TownCode).HasMaxLength(12);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(v => v.MerchantId);
        builder.HasOne<Technician>().WithMany().HasForeignKey(v => v.TechnicianId);
        // A day plan reads one tenant's day; making visits ahead relies on one visit per plan and day.
        builder.HasIndex(v => new { v.MerchantId, v.Date, v.Status });
        builder.HasIndex(v => new { v.PlanId, v.Date }).IsUnique();
    }
}
