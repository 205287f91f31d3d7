using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Work;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimLens.Web.Pages.Technician;

/// <summary>The technician's jobs on their phone: offers waiting for an answer (with the time left), jobs in hand,
/// and what they completed today.</summary>
public sealed class IndexModel(ClaimLensDbContext db, RegionIndex regions, TimeProvider time) : PageModel
{
    public IReadOnlyList<JobRow> Offered { get; private set; } = [];

    public IReadOnlyList<JobRow> Held { get; private set; } = [];

    public IReadOnlyList<JobRow> DoneToday { get; private set; } = [];

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        Now = time.GetUtcNow();
        TimeZone = await MerchantPages.TimeZoneAsync(db, caller.RequireMerchant(), ct);
        var rows = (await TechnicianJobs.ListAsync(db, caller, Now, ct))
            .Select(j => new JobRow(j.Request.Id, j.Request.Status, j.Request.Brand, j.Request.ProductType, j.Request.Fault,
                TechnicianPages.Place(regions, j.Request), j.OfferExpiresAt, j.Request.CompletedAt, j.Request.PreferredWindows))
            .ToList();
        Offered = rows.Where(r => r.Status == RepairStatus.Assigned).ToList();
        Held = rows.Where(r => r.Status is not (RepairStatus.Assigned or RepairStatus.Completed)).ToList();
        DoneToday = rows.Where(r => r.Status == RepairStatus.Completed).ToList();
    }
}
