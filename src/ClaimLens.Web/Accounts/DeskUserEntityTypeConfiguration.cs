using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Accounts;

public sealed class DeskUserEntityTypeConfiguration : IEntityTypeConfiguration<DeskUser>
{
    public void Configure(EntityTypeBuilder<DeskUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(u => u.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}
