using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The agents' follow-up desk: follow-ups due today and overdue, each with the masked phone (revealed through
/// the request page's audited reveal), a call record form answered by <see cref="FollowUpAnswers.CallAsync"/> (the
/// API's core), and the customer's survey link to copy or send.</summary>
public sealed class FollowUpsModel(ClaimLensDbContext db, PersonalData personal, TimeProvider time) : PageModel
{
    public const int Limit = 200;

    public IReadOnlyList<FollowUpRow> Rows { get; private set; } = [];

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The follow-up a form was posted for, and what happened.</summary>
    public Guid? Target { get; private set; }

    public string? Recorded { get; private set; }

    public string? RevealedPhone { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Show follow-ups due by the end of this local date (default today), to plan tomorrow's calls.</summary>
    [FromQuery] public DateOnly? Due { get; set; }

    public DateOnly Day { get; private set; }

    [BindProperty] public int? Satisfaction { get; set; }

    [BindProperty] public string? Comment { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public string Phone(FollowUpRow row) => PersonalData.MaskPhone(personal.Unprotect(row.PhoneProtected));

    public string SurveyUrl(FollowUpRow row) => $"{Request.Scheme}://{Request.Host}/service/survey/{row.SurveyToken}";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCallAsync(Guid id)
    {
        var caller = Caller.From(User);
        var answer = await FollowUpAnswers.CallAsync(db, caller.RequireMerchant(), caller.Actor, id, new FollowUpInput("call", Satisfaction, Comment),
            time, HttpContext.RequestAborted);
        Target = id;
        switch (answer.Outcome)
        {
            case AnswerOutcome.NotFound:
                return NotFound();
            case AnswerOutcome.Invalid:
                foreach (var field in answer.Errors.Keys)
                    Errors[field == "comment" ? "Comment" : "Satisfaction"] = field == "comment"
                        ? L("记录不超过 2000 个字。", "The note has at most 2000 characters.")
                        : L("请选择客户给出的满意度（1–5）。", "Choose the customer's rating (1–5).");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case AnswerOutcome.AlreadyAnswered:
                Recorded = L("这条回访已有答复（客户可能刚通过问卷评价），未作更改。", "This follow-up was already answered (perhaps by the customer's survey); nothing changed.");
                break;
            default:
                Recorded = L($"已记录回访：满意度 {Satisfaction}/5。", $"Call recorded: satisfaction {Satisfaction}/5.");
                break;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(Guid id, Guid requestId)
    {
        Target = id;
        var (found, phone, error) = await RepairPages.RevealPhoneAsync(HttpContext, requestId, Reason, db, personal, time);
        if (!found)
            return NotFound();
        RevealedPhone = phone;
        if (error is not null)
            Errors["Reason"] = error;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var zone = Zone(TimeZone);
        Day = Due ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, zone).DateTime);
        var until = ClaimLens.Web.Repairs.Planning.DayPlanApi.LocalMidnight(Day.AddDays(1), zone);
        Rows = await (from f in db.FollowUps.AsNoTracking()
                      where f.MerchantId == merchant && f.AnsweredAt == null && f.DueAt < until
                      join r in db.ServiceRequests.AsNoTracking() on f.RequestId equals r.Id
                      orderby f.DueAt
                      select new FollowUpRow(f.Id, r.Id, r.Brand, r.ProductType, r.Model, r.CompletedAt,
                          db.Technicians.Where(t => t.Id == f.TechnicianId).Select(t => t.Name).FirstOrDefault(), r.PhoneProtected, f.DueAt, f.SurveyToken))
            .Take(Limit).ToListAsync(ct);
    }
}
