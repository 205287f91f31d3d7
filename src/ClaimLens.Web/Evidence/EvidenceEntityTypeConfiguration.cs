using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Evidence;

internal sealed class MediaBlobEntityTypeConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> builder)
    {
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.ContentType).HasMaxLength(100);
    }
}

internal sealed class AnalysisJobEntityTypeConfiguration : IEntityTypeConfiguration<AnalysisJob>
{
    public void Configure(EntityTypeBuilder<AnalysisJob> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.Worker).HasMaxLength(100);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasIndex(j => new { j.State, j.AvailableAt });
        builder.HasIndex(j => new { j.Kind, j.SubjectId });
    }
}

internal sealed class EvidenceFingerprintEntityTypeConfiguration : IEntityTypeConfiguration<EvidenceFingerprint>
{
    public void Configure(EntityTypeBuilder<EvidenceFingerprint> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedOnAdd();
        builder.HasIndex(f => f.EvidencePhotoId).IsUnique();
        builder.Property(f => f.Subject).HasConversion<string>().HasMaxLength(20).HasDefaultValue(FingerprintSubject.ClaimPhoto);
    }
}
