using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Accounts;

internal sealed class MerchantEntityTypeConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.OwnsOne(m => m.Settings, s =>
        {
            s.Property(x => x.TimeZone).HasMaxLength(64);
            s.Property(x => x.AutoApproveMaxAmount).HasPrecision(12, 2);
        });
        builder.Navigation(m => m.Settings).IsRequired();
    }
}
