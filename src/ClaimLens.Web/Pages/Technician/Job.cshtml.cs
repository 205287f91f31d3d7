using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Pages.Repairs;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Technician;

/// <summary>One job on the technician's phone. Every step calls the API's own handler (accept, decline, moves, work,
/// reveals), so the state machine, the checks and the audit entries are the API's; the page only words the outcome.
/// Photos and the signature are sent by the page's script straight to the API.</summary>
public sealed class JobModel(
    ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index, IOptions<RepairsOptions> options, TimeProvider time)
    : PageModel
{
    public ServiceRequest Job { get; private set; } = null!;

    public DispatchOffer? Offer { get; private set; }

    public bool Holds { get; private set; }

    public string Place { get; private set; } = "";

    public string? Street { get; private set; }

    public string? MapQuery { get; private set; }

    public string MaskedPhone { get; private set; } = "";

    public string? Phone { get; private set; }

    public JobWorkDto Work { get; private set; } = null!;

    public IReadOnlyList<PartDto> Parts { get; private set; } = [];

    public IReadOnlyList<RepairPhotoView> Photos { get; private set; } = [];

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? Note { get; set; }

    [BindProperty] public string? PartCode { get; set; }

    [BindProperty] public int? Quantity { get; set; }

    [BindProperty] public double? Latitude { get; set; }

    [BindProperty] public double? Longitude { get; set; }

    public bool Can(RepairTrigger trigger) => Holds && RepairStateMachine.CanFire(Job.Status, trigger);

    public async Task<IActionResult> OnGetAsync(Guid id, string? done = null)
    {
        Message = done switch
        {
            "accept" => L("已接单。客户地址已显示。", "Accepted. The customer's address is shown."),
            "depart" => L("已出发。", "On your way."),
            "arrive" => L("已签到。", "Checked in."),
            "await_parts" => L("已记为等待配件。", "Marked as waiting for parts."),
            "complete" => L("工单已完成。", "The job is completed."),
            "work" => L("已保存。", "Saved."),
            _ => null,
        };
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id) => StepAsync(id, "accept", () =>
        Outcome(JobsApi.Accept(id, new JobInput(null, null, null), HttpContext, db, personal, regions, index, time, HttpContext.RequestAborted)));

    public Task<IActionResult> OnPostDeclineAsync(Guid id) => StepAsync(id, null, async () =>
    {
        var result = await JobsApi.Decline(id, new JobInput(null, null, Reason?.Trim()), HttpContext, db, personal, regions, index, options, time,
            HttpContext.RequestAborted);
        return result.Result is Ok<ServiceRequestDto> ? Redirect("/technician") : NotFound();
    });

    public Task<IActionResult> OnPostMoveAsync(Guid id, string move) => StepAsync(id, move, () =>
        Outcome(JobsApi.Move(id, new JobInput(null, move, null, move == "arrive" ? Latitude : null, move == "arrive" ? Longitude : null),
            HttpContext, db, personal, regions, index, options, time, HttpContext.RequestAborted)));

    public Task<IActionResult> OnPostWorkAsync(Guid id) => StepAsync(id, "work", async () =>
    {
        List<PartUseInput>? parts = null;
        if (!string.IsNullOrWhiteSpace(PartCode))
        {
            // Adding one part keeps the ones recorded before: the API replaces the whole list.
            var current = await db.JobRecords.AsNoTracking().Where(r => r.RequestId == id).Select(r => r.Parts).SingleOrDefaultAsync(HttpContext.RequestAborted);
            parts = (current ?? []).Select(p => new PartUseInput(p.Code, p.Quantity)).Append(new PartUseInput(PartCode, Quantity ?? 1)).ToList();
        }
        if (parts is null && string.IsNullOrWhiteSpace(Note))
            return Problem(L("请填写维修记录或选择配件。", "Write a note or choose a part."));
        var result = await JobWorkApi.Record(id, new WorkInput(string.IsNullOrWhiteSpace(Note) ? null : Note, parts), HttpContext, db, personal, time,
            HttpContext.RequestAborted);
        return result.Result switch
        {
            Ok<JobWorkDto> => Redirect($"/technician/jobs/{id}?done=work"),
            ValidationProblem problem => Problem(problem.ProblemDetails.Errors.Keys.Any(k => k.StartsWith("parts", StringComparison.Ordinal))
                ? L("配件不在目录中或数量不对（1–99）。", "The part is not in the catalogue or the quantity is wrong (1–99).")
                : L("维修记录不能超过 2000 个字。", "A note has at most 2000 characters.")),
            _ => NotFound(),
        };
    });

    public Task<IActionResult> OnPostCallAsync(Guid id) => StepAsync(id, null, async () =>
    {
        var result = await JobReveals.PhoneAsync(db, personal, time, Caller.From(User), id, HttpContext.RequestAborted);
        if (result.Result is not Ok<RevealedPhone> ok)
            return NotFound();
        Phone = ok.Value!.Phone;
        return await LoadAsync(id) ? Page() : NotFound();
    });

    private async Task<IActionResult> StepAsync(Guid id, string? done, Func<Task<IActionResult>> step)
    {
        IActionResult result;
        try
        {
            result = await step();
        }
        catch (DeskProblemException e)
        {
            // The API's refusal (409: no longer offered, not allowed from this status, proof of work missing) in words.
            Error = Refusal(e);
            Response.StatusCode = e.StatusCode;
            result = new EmptyResult();
        }
        if (result is BadRequestResult)
            result = Problem(L("位置信息无效，请重试。", "The position was not valid; try again."));
        return result switch
        {
            OkResult => Redirect($"/technician/jobs/{id}?done={done}"),
            EmptyResult => await LoadAsync(id) ? Page() : NotFound(),
            _ => result,
        };
    }

    private static async Task<IActionResult> Outcome<T>(Task<T> call) where T : IResult
    {
        var result = await call;
        return result is INestedHttpResult { Result: Ok<ServiceRequestDto> } ? new OkResult() : result is INestedHttpResult { Result: ValidationProblem }
            ? new BadRequestResult() : new NotFoundResult();
    }

    private IActionResult Problem(string text)
    {
        Error = text;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return new EmptyResult();
    }

    private static string Refusal(DeskProblemException e) => e.Message switch
    {
        { } d when d.Contains("ran out", StringComparison.Ordinal) => L("接单时间已过，工单已转派给其他师傅。", "The time to accept ran out; the job went to the next technician."),
        { } d when d.Contains("no longer", StringComparison.Ordinal) => L("这单已不再派给您。", "This job is no longer offered to you."),
        { } d when d.Contains("after photo", StringComparison.Ordinal) || d.Contains("signature", StringComparison.Ordinal) =>
            L("完成前需要至少一张维修后照片和客户签名。", "Completing needs at least one after photo and the customer's signature."),
        _ => L($"无法执行：{e.Message}", $"Not possible: {e.Message}"),
    };

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var job = await JobAccess.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (job is null)
            return false;
        Job = job;
        Offer = await db.DispatchOffers.AsNoTracking().Where(o => o.RequestId == id && o.TechnicianId == caller.TechnicianId && o.Status == OfferStatus.Open)
            .FirstOrDefaultAsync(ct);
        Holds = JobReveals.Holds(caller, job) || (job.TechnicianId == caller.TechnicianId && job.Status == RepairStatus.Completed);
        Place = TechnicianPages.Place(regions, job);
        TimeZone = await MerchantPages.TimeZoneAsync(db, job.MerchantId, ct);
        MaskedPhone = PersonalData.MaskPhone(personal.Unprotect(job.PhoneProtected));
        Street = await JobReveals.AddressAsync(db, personal, time, caller, job, ct);
        if (Street is not null)
            MapQuery = "https://uri.amap.com/search?keyword=" + Uri.EscapeDataString(TechnicianPages.Regions(regions, job) + Street);
        Work = JobWorkDto.From(id, await db.JobRecords.AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == id, ct));
        if (Holds)
        {
            Parts = (await PartsApi.List(HttpContext, db, ct)).Value!.Where(p => p.Brands.Count == 0 || p.Brands.Contains(job.Brand)).ToList();
            Photos = (await db.RepairPhotos.AsNoTracking().Where(p => p.RequestId == id).OrderBy(p => p.CreatedAt).ToListAsync(ct))
                .Select(RepairPhotoView.From).ToList();
        }
        return true;
    }
}
