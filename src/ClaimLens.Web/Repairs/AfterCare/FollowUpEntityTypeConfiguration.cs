using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Repairs;

internal sealed class FollowUpEntityTypeConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.SurveyToken).HasMaxLength(64);
        builder.Property(f => f.Channel).HasMaxLength(10);
        builder.Property(f => f.Comment).HasMaxLength(2000);
        builder.Property(f => f.AnsweredBy).HasMaxLength(200);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(f => f.MerchantId);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(f => f.RequestId);
        builder.HasOne<Technician>().WithMany().HasForeignKey(f => f.TechnicianId);
        builder.HasIndex(f => f.SurveyToken).IsUnique();
        // One follow-up per job; the list reads a tenant's open tasks by due time.
        builder.HasIndex(f => f.RequestId).IsUnique();
        builder.HasIndex(f => new { f.MerchantId, f.AnsweredAt, f.DueAt });
    }
}
