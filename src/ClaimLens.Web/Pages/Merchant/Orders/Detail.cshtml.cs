using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Merchant.Orders;

/// <summary>One order: lines, the buyer (phone masked) and their link, packing photos and videos. New media go to the
/// orders API; the packing partial polls itself while a video's frames are still being taken.</summary>
public sealed class DetailModel(ClaimLensDbContext db, PersonalData personal) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    public IReadOnlyList<OrderLine> Lines { get; private set; } = [];

    public PackingView Packing { get; private set; } = null!;

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(string orderNo) => await LoadAsync(orderNo, withLines: true) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPackingAsync(string orderNo) =>
        await LoadAsync(orderNo, withLines: false) ? Partial("_Packing", Packing) : NotFound();

    private async Task<bool> LoadAsync(string orderNo, bool withLines)
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        var order = await db.Orders.AsNoTracking().Where(o => o.MerchantId == merchant && o.OrderNo == orderNo)
            .Select(o => new { o.Id, o.OrderNo, o.BuyerId, o.BuyerPhoneProtected, o.BuyerLinkToken, o.ShippedAt, o.DeliveredAt, o.CreatedAt })
            .SingleOrDefaultAsync(ct);
        if (order is null)
            return false;
        if (withLines)
        {
            TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
            Order = new OrderView(order.OrderNo, order.BuyerId, PersonalData.MaskPhone(personal.Unprotect(order.BuyerPhoneProtected)),
                order.BuyerLinkToken is { } token ? BuyerLink.Path(token) : null, order.ShippedAt, order.DeliveredAt, order.CreatedAt);
            Lines = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(ct);
        }
        var media = await db.PackingMedia.AsNoTracking().Where(m => m.OrderId == order.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.AtSeconds)
            .Select(m => new PackingItem(m.Id, m.Kind, m.FileName, m.SourceMediaId, m.AtSeconds, m.ProcessedAt != null, m.ProcessingError))
            .ToListAsync(ct);
        Packing = new PackingView(order.OrderNo, media);
        return true;
    }

    public sealed record OrderView(string OrderNo, string BuyerId, string MaskedPhone, string? BuyerLinkPath, DateTimeOffset? ShippedAt,
        DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt);
}
