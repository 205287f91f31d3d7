using ClaimLens.Web.Accounts;

namespace ClaimLens.Web.Orders;

/// <summary>An order as the API shows it: the buyer's phone masked.</summary>
public sealed record OrderDto(
    string OrderNo, string BuyerId, string BuyerPhone, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<PackingMediaDto> PackingMedia)
{
    public static OrderDto From(Order order, PersonalData personal)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(personal);
        return new OrderDto(order.OrderNo, order.BuyerId, PersonalData.MaskPhone(personal.Unprotect(order.BuyerPhoneProtected)),
            order.ShippedAt, order.DeliveredAt,
            order.Lines.Select(l => new OrderLineDto(l.Sku, l.Quantity, l.UnitPrice)).ToList(),
            order.PackingMedia.OrderBy(m => m.CreatedAt).ThenBy(m => m.AtSeconds)
                .Select(m => new PackingMediaDto(m.Id, m.Kind.ToString().ToLowerInvariant(), m.FileName, m.Sha256, m.SourceMediaId, m.AtSeconds)).ToList());
    }
}

public sealed record OrderLineDto(string Sku, int Quantity, decimal UnitPrice);

public sealed record PackingMediaDto(Guid Id, string Kind, string FileName, string Sha256, Guid? SourceMediaId, double? AtSeconds);
