using ClaimLens.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimLens.Web.Webhooks;

internal sealed class WebhookSubscriptionEntityTypeConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(s => s.Url).HasMaxLength(WebhookTargetPolicy.MaxUrlLength);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(200);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        // A short list of known event names, kept as one comma-separated column on both providers.
        builder.Property(s => s.Events).HasMaxLength(500).HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e.GetHashCode(StringComparison.Ordinal))), v => v.ToList()));
        builder.HasOne<Merchant>().WithMany().HasForeignKey(s => s.MerchantId);
        builder.HasIndex(s => new { s.MerchantId, s.Active });
    }
}

internal sealed class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId);
        // The sender reads due rows; the log reads one subscription's rows newest first.
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
    }
}
