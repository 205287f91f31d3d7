using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Merchant.Orders;

/// <summary>The merchant's orders, newest first, a page at a time (index on merchant and creation time).</summary>
public sealed class IndexModel(ClaimLensDbContext db) : PageModel
{
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrderRow> Rows { get; private set; } = [];

    public bool HasNext { get; private set; }

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var rows = await db.Orders.AsNoTracking().Where(o => o.MerchantId == merchant)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((PageNumber - 1) * MerchantPages.PageSize).Take(MerchantPages.PageSize + 1)
            .Select(o => new OrderRow(o.OrderNo, o.Lines.Count, o.Lines.Sum(l => l.UnitPrice * l.Quantity), o.DeliveredAt, o.CreatedAt,
                o.PackingMedia.Count(m => m.Kind != Web.Orders.PackingMediaKind.VideoFrame)))
            .ToListAsync(ct);
        HasNext = rows.Count > MerchantPages.PageSize;
        Rows = rows.Take(MerchantPages.PageSize).ToList();
    }

    public sealed record OrderRow(string OrderNo, int Lines, decimal Total, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt, int PackingMedia);
}
