using ClaimLens.Web.Data;
using ClaimLens.Web.Orders;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>The order behind a buyer link, with only what the buyer's pages show. The link is the permission:
/// a malformed or unknown token finds nothing, and every buyer page then answers the same 404.</summary>
public sealed record BuyerOrder(Guid Id, Guid MerchantId, string OrderNo, string MerchantName, string TimeZone, DateTimeOffset? DeliveredAt,
    IReadOnlyList<BuyerLine> Lines)
{
    public static async Task<BuyerOrder?> FindAsync(ClaimLensDbContext db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!BuyerLink.IsWellFormed(token))
            return null;
        var order = await db.Orders.AsNoTracking().Where(o => o.BuyerLinkToken == token)
            .Join(db.Merchants, o => o.MerchantId, m => m.Id, (o, m) => new
            {
                o.Id, o.MerchantId, o.OrderNo, o.DeliveredAt, MerchantName = m.Name, m.Settings.TimeZone,
                Lines = o.Lines.OrderBy(l => l.Sku).Select(l => new { l.Sku, l.Quantity, l.UnitPrice }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (order is null)
            return null;
        var skus = order.Lines.Select(l => l.Sku).ToList();
        var names = await db.Products.AsNoTracking().Where(p => p.MerchantId == order.MerchantId && skus.Contains(p.Sku))
            .ToDictionaryAsync(p => p.Sku, p => p.Name, cancellationToken);
        return new BuyerOrder(order.Id, order.MerchantId, order.OrderNo, order.MerchantName, order.TimeZone, order.DeliveredAt,
            order.Lines.Select(l => new BuyerLine(l.Sku, names.GetValueOrDefault(l.Sku, l.Sku), l.Quantity, l.UnitPrice)).ToList());
    }

    public BuyerLine? Line(string sku) => Lines.FirstOrDefault(l => l.Sku == sku);
}
