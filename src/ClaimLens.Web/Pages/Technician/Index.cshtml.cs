using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Technician;

/// <summary>The technician's jobs on their phone: offers waiting for an answer (with the time left), jobs in hand,
/// and what they completed today.</summary>
public sealed class IndexModel(ClaimLensDbContext db, RegionIndex regions, TimeProvider time) : PageModel
{
    private static readonly RepairStatus[] InHand =
        [RepairStatus.Accepted, RepairStatus.OnTheWay, RepairStatus.OnSite, RepairStatus.WaitingForParts];

    public IReadOnlyList<JobRow> Offered { get; private set; } = [];

    public IReadOnlyList<JobRow> Held { get; private set; } = [];

    public IReadOnlyList<JobRow> DoneToday { get; private set; } = [];

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var merchant = caller.RequireMerchant();
        var me = caller.TechnicianId;
        Now = time.GetUtcNow();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var zone = Pages.Text.Zone(TimeZone);
        var local = TimeZoneInfo.ConvertTime(Now, zone);
        var startOfDay = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        var rows = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.MerchantId == merchant && r.TechnicianId == me
                && (r.Status == RepairStatus.Assigned || InHand.Contains(r.Status) || (r.Status == RepairStatus.Completed && r.CompletedAt >= startOfDay)))
            .OrderBy(r => r.CreatedAt).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var offers = await db.DispatchOffers.AsNoTracking().Where(o => ids.Contains(o.RequestId) && o.TechnicianId == me && o.Status == OfferStatus.Open)
            .Select(o => new { o.RequestId, o.ExpiresAt }).ToListAsync(ct);
        JobRow Row(ServiceRequest r) => new(r.Id, r.Status, r.Brand, r.ProductType, r.Fault, TechnicianPages.Place(regions, r),
            offers.FirstOrDefault(o => o.RequestId == r.Id)?.ExpiresAt, r.CompletedAt, r.PreferredWindows);
        Offered = rows.Where(r => r.Status == RepairStatus.Assigned && offers.Any(o => o.RequestId == r.Id)).Select(Row).ToList();
        Held = rows.Where(r => InHand.Contains(r.Status)).Select(Row).ToList();
        DoneToday = rows.Where(r => r.Status == RepairStatus.Completed).Select(Row).ToList();
    }
}
