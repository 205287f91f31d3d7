using ClaimLens.Web.Accounts;
using ClaimLens.Web.Repairs.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs.Maintenance;

internal sealed class MaintenancePlanEntityTypeConfiguration : IEntityTypeConfiguration<MaintenancePlan>
{
    public void Configure(EntityTypeBuilder<MaintenancePlan> builder)
    {
        builder.Property(p => p.Brand).HasMaxLength(64);
        builder.Property(p => p.ProductType).HasMaxLength(64);
        builder.Property(p => p.Model).HasMaxLength(100);
        builder.Property(p => p.SerialNumber).HasMaxLength(64);
        builder.Property(p => p.CityCode).HasMaxLength(12);
        builder.Property(p => p.CountyCode).HasMaxLength(12);
        builder.Property(p => p.TownCode).HasMaxLength(12);
        builder.Property(p => p.StreetProtected).HasMaxLength(1000);
        builder.Property(p => p.NameProtected).HasMaxLength(400);
        builder.Property(p => p.PhoneProtected).HasMaxLength(200);
        builder.Property(p => p.PhoneIndex).HasMaxLength(64);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId);
        builder.HasMany<MaintenanceVisit>().WithOne().HasForeignKey(v => v.PlanId);
        builder.HasIndex(p => new { p.Active, p.MerchantId });
        builder.HasIndex(p => new { p.MerchantId, p.PhoneIndex });
    }
}
