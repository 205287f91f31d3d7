using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs;

internal sealed class ServiceRequestEntityTypeConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.Property(r => r.Brand).HasMaxLength(64);
        builder.Property(r => r.ProductType).HasMaxLength(64);
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.Property(r => r.Fault).HasMaxLength(2000);
        builder.Property(r => r.ProvinceCode).HasMaxLength(12);
        builder.Property(r => r.CityCode).HasMaxLength(12);
        builder.Property(r => r.CountyCode).HasMaxLength(12);
        builder.Property(r => r.TownCode).HasMaxLength(12);
        builder.Property(r => r.StreetProtected).HasMaxLength(1000);
        builder.Property(r => r.NameProtected).HasMaxLength(400);
        builder.Property(r => r.PhoneProtected).HasMaxLength(200);
        builder.Property(r => r.PhoneIndex).HasMaxLength(64);
        builder.Property(r => r.FaultType).HasMaxLength(40);
        builder.Property(r => r.SerialNumber).HasMaxLength(64);
        builder.Property(r => r.DeviceIndex).HasMaxLength(64);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.WarrantyOfRequestId);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.OwnsMany(r => r.PreferredWindows, w => w.ToJson());
        builder.HasOne<Merchant>().WithMany().HasForeignKey(r => r.MerchantId);
        builder.HasOne<Technician>().WithMany().HasForeignKey(r => r.TechnicianId);
        // The board reads open requests by due time; phone lookups go through the blind index; loads count by technician.
        builder.HasIndex(r => new { r.MerchantId, r.Status, r.ResponseDueAt });
        builder.HasIndex(r => new { r.MerchantId, r.PhoneIndex });
        builder.HasIndex(r => new { r.TechnicianId, r.Status });
        builder.HasIndex(r => new { r.ResponseMet, r.ResponseDueAt });
        builder.HasIndex(r => new { r.MerchantId, r.DeviceIndex, r.FaultType });
        // Reports read a tenant's requests by creation time (response target) and jobs by completion time.
        builder.HasIndex(r => new { r.MerchantId, r.CreatedAt });
        builder.HasIndex(r => new { r.MerchantId, r.CompletedAt });
    }
}

internal sealed class DispatchOfferEntityTypeConfiguration : IEntityTypeConfiguration<DispatchOffer>
{
    public void Configure(EntityTypeBuilder<DispatchOffer> builder)
    {
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.OfferedBy).HasMaxLength(200);
        builder.Property(o => o.Ranking).HasMaxLength(1000);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(o => o.RequestId);
        builder.HasOne<Technician>().WithMany().HasForeignKey(o => o.TechnicianId);
        builder.HasIndex(o => new { o.RequestId, o.Status });
        builder.HasIndex(o => new { o.Status, o.ExpiresAt });
    }
}

internal sealed class TechnicianEntityTypeConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.OwnsMany(t => t.Skills, s => s.ToJson());
        builder.OwnsMany(t => t.Shifts, s => s.ToJson());
        builder.HasOne<Merchant>().WithMany().HasForeignKey(t => t.MerchantId);
        builder.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.ServicePointId);
        builder.HasIndex(t => new { t.MerchantId, t.Active });
    }
}

internal sealed class ServicePointEntityTypeConfiguration : IEntityTypeConfiguration<ServicePoint>
{
    public void Configure(EntityTypeBuilder<ServicePoint> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.Street).HasMaxLength(500);
        builder.Property(p => p.Phone).HasMaxLength(30);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId);
        builder.HasIndex(p => p.MerchantId);
    }
}
