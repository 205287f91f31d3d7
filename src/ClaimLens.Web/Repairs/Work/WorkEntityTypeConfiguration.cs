using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs.Work;

internal sealed class PartEntityTypeConfiguration : IEntityTypeConfiguration<Part>
{
    public void Configure(EntityTypeBuilder<Part> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.PrimitiveCollection(p => p.Brands);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId);
        builder.HasIndex(p => new { p.MerchantId, p.Code }).IsUnique();
    }
}

internal sealed class JobRecordEntityTypeConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.HasKey(r => r.RequestId);
        builder.HasOne<ServiceRequest>().WithOne().HasForeignKey<JobRecord>(r => r.RequestId);
        builder.Property(r => r.SignatureSha256).HasMaxLength(64);
        builder.OwnsMany(r => r.Parts, p =>
        {
            p.ToJson();
            p.Property(u => u.Code).HasMaxLength(40);
            p.Property(u => u.Name).HasMaxLength(200);
        });
    }
}

internal sealed class RepairPhotoEntityTypeConfiguration : IEntityTypeConfiguration<RepairPhoto>
{
    public void Configure(EntityTypeBuilder<RepairPhoto> builder)
    {
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.UploadedBy).HasMaxLength(200);
        builder.Property(p => p.Verdict).HasMaxLength(30);
        builder.Property(p => p.TopFindingZh).HasMaxLength(500);
        builder.Property(p => p.TopFindingEn).HasMaxLength(1000);
        builder.Property(p => p.AnalysisError).HasMaxLength(2000);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(p => p.RequestId);
        builder.HasIndex(p => new { p.RequestId, p.Stage });
    }
}
