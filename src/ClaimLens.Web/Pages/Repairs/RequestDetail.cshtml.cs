using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Timeline;
using ClaimLens.Web.Repairs.Work;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>One request for the tenant's staff: status and response target, the masked phone with the audited reveal,
/// the timeline with a form to log a call, message or visit note, the warranty link and the follow-up. The reveal and the
/// timeline go through the API's handlers, so the audit entries and checks are the same.</summary>
public sealed class RequestDetailModel(
    ClaimLensDbContext db, PersonalData personal, RegionIndex regions, TimeProvider time, UserManager<DeskUser> users) : PageModel
{
    public IReadOnlyList<RepairPhotoView> Photos { get; private set; } = [];

    public JobWorkDto? Work { get; private set; }

    public string? TechnicianName { get; private set; }

    public bool TechnicianHasLogin { get; private set; }

    public TechnicianLogin? IssuedLogin { get; private set; }

    public ServiceRequestDto Item { get; private set; } = null!;

    public RepairStatus Status { get; private set; }

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<TimelineItemDto> Timeline { get; private set; } = [];

    public FollowUpView? FollowUp { get; private set; }

    public string? RevealedPhone { get; private set; }

    public bool Filed { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? Kind { get; set; }

    [BindProperty] public string? Direction { get; set; }

    [BindProperty] public string? Text { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(Guid id, bool filed = false)
    {
        Filed = filed;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevealAsync(Guid id)
    {
        var (found, phone, error) = await RepairPages.RevealPhoneAsync(HttpContext, id, Reason, db, personal, time);
        if (!found)
            return NotFound();
        RevealedPhone = phone;
        if (error is not null)
            Errors["Reason"] = error;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostTimelineAsync(Guid id)
    {
        var direction = Kind == "visit_note" ? null : Direction;
        var result = await TimelineApi.Add(id, new TimelineInput(Kind, direction, Text), HttpContext, db, personal, time, HttpContext.RequestAborted);
        switch (result.Result)
        {
            case Microsoft.AspNetCore.Http.HttpResults.NotFound:
                return NotFound();
            case ValidationProblem problem:
                foreach (var field in problem.ProblemDetails.Errors.Keys)
                    Errors[field == "text" ? "Text" : "Kind"] = field == "text"
                        ? L("请填写内容（不超过 2000 个字）。", "Write what was said or done (at most 2000 characters).")
                        : L("请选择类型和方向。", "Choose the kind and the direction.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await LoadAsync(id) ? Page() : NotFound();
            default:
                return Redirect($"/repairs/requests/{id}#timeline");
        }
    }

    /// <summary>Gives the request's technician a sign-in for the phone pages (or a new password); shown once.</summary>
    public async Task<IActionResult> OnPostLoginAsync(Guid id)
    {
        var merchant = Caller.From(User).RequireMerchant();
        var technician = await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id && r.MerchantId == merchant).Select(r => r.TechnicianId)
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (technician is not { } tech)
            return NotFound();
        var result = await TechnicianLogins.Issue(tech, null, HttpContext, db, users, time, HttpContext.RequestAborted);
        if (result.Result is Ok<TechnicianLogin> ok)
            IssuedLogin = ok.Value;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        var row = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.MerchantId == merchant, ct);
        if (row is null)
            return false;
        Status = row.Status;
        Item = ServiceRequestDto.From(row, personal, regions, await RequestsApi.CurrentOfferAsync(db, id, ct));
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        if ((await TimelineApi.List(id, HttpContext, db, personal, ct)).Result is Ok<List<TimelineItemDto>> list)
            Timeline = list.Value!;
        Work = JobWorkDto.From(id, await db.JobRecords.AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == id, ct));
        Photos = (await db.RepairPhotos.AsNoTracking().Where(p => p.RequestId == id).OrderBy(p => p.CreatedAt).Take(200).ToListAsync(ct))
            .Select(RepairPhotoView.From).ToList();
        if (row.TechnicianId is { } tech)
        {
            TechnicianName = await db.Technicians.AsNoTracking().Where(t => t.Id == tech).Select(t => t.Name).SingleOrDefaultAsync(ct);
            TechnicianHasLogin = await users.Users.AnyAsync(u => u.TechnicianId == tech, ct);
        }
        FollowUp = await db.Set<FollowUp>().AsNoTracking().Where(f => f.RequestId == id && f.MerchantId == merchant).OrderByDescending(f => f.DueAt)
            .Select(f => new FollowUpView(f.DueAt, f.Satisfaction, f.Comment, f.AnsweredAt)).FirstOrDefaultAsync(ct);
        return true;
    }
}
