namespace ClaimLens.Web.Orders;

/// <summary>A merchant's order: what was shipped to whom and when it arrived.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string OrderNo { get; set; }

    /// <summary>The buyer's id on the merchant's platform, as given.</summary>
    public required string BuyerId { get; set; }

    /// <summary>The buyer's phone, encrypted (see <c>PersonalData</c>).</summary>
    public required string BuyerPhoneProtected { get; set; }

    /// <summary>Keyed hash of the buyer's normalised phone: the same buyer at every merchant, readable by none.</summary>
    public required string BuyerKey { get; set; }

    /// <summary>The secret of the buyer's order link (<see cref="BuyerLink"/>); null for orders made before links existed.</summary>
    public string? BuyerLinkToken { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<PackingMedia> PackingMedia { get; set; } = [];
}
