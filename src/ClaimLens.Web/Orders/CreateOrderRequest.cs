namespace ClaimLens.Web.Orders;

public sealed record CreateOrderRequest(
    string? OrderNo, string? BuyerId, string? BuyerPhone, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderLineRequest>? Lines);

public sealed record OrderLineRequest(string? Sku, int Quantity, decimal UnitPrice);
