using ClaimLens.Web.Accounts;

namespace ClaimLens.Web.Orders;

/// <summary>An order as the API shows it: the buyer's phone masked; <c>BuyerLink</c> is the path of the buyer's
/// page for this order (send it to the buyer with the order).</summary>
public sealed record OrderDto(
    string OrderNo, string BuyerId, string BuyerPhone, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<PackingMediaDto> PackingMedia, string? BuyerLink)
{
    public static OrderDto From(Order order, PersonalData personal)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(personal);
        // A video's frames follow it, in time order.
        var videos = order.PackingMedia.Where(m => m.Kind == PackingMediaKind.Video).ToDictionary(m => m.Id, m => m.CreatedAt);
        return new OrderDto(order.OrderNo, order.BuyerId, PersonalData.MaskPhone(personal.Unprotect(order.BuyerPhoneProtected)),
            order.ShippedAt, order.DeliveredAt,
            order.Lines.Select(l => new OrderLineDto(l.Sku, l.Quantity, l.UnitPrice)).ToList(),
            order.PackingMedia
                .OrderBy(m => m.SourceMediaId is { } source && videos.TryGetValue(source, out var at) ? at : m.CreatedAt)
                .ThenBy(m => m.SourceMediaId ?? m.Id).ThenBy(m => m.AtSeconds ?? -1)
                .Select(PackingMediaDto.From).ToList(),
            order.BuyerLinkToken is { } token ? Orders.BuyerLink.Path(token) : null);
    }
}

public sealed record OrderLineDto(string Sku, int Quantity, decimal UnitPrice);

