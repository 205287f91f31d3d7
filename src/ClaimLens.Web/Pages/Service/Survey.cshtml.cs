using ClaimLens.Web.Data;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Service;

/// <summary>The customer's satisfaction survey behind the follow-up's link (anonymous, phone first). Answered through
/// <see cref="FollowUpAnswers.SurveyAsync"/>, the API's own core: once only; a second answer shows the first.</summary>
public sealed class SurveyModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    [BindProperty] public int? Satisfaction { get; set; }

    [BindProperty] public string? Comment { get; set; }

    public SurveyView View { get; private set; } = null!;

    /// <summary>Set after a post: recorded now, or refused because it was answered before.</summary>
    public AnswerOutcome? Outcome { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var answer = await FollowUpAnswers.SurveyAsync(db, token, new FollowUpInput(null, Satisfaction, Comment), time, HttpContext.RequestAborted);
        Outcome = answer.Outcome;
        if (answer.Outcome == AnswerOutcome.NotFound)
            return NotFound();
        if (answer.Outcome == AnswerOutcome.Invalid)
        {
            foreach (var field in answer.Errors.Keys)
                Errors[field == "comment" ? "Comment" : "Satisfaction"] = field == "comment"
                    ? L("留言不超过 2000 个字。", "The comment has at most 2000 characters.")
                    : L("请选择 1 到 5 分中的一项。", "Choose a rating from 1 to 5.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(token) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string token)
    {
        if (!FollowUpAnswers.IsToken(token))
            return false;
        var view = await (from f in db.FollowUps.AsNoTracking()
                          where f.SurveyToken == token
                          join r in db.ServiceRequests.AsNoTracking() on f.RequestId equals r.Id
                          join m in db.Merchants.AsNoTracking() on f.MerchantId equals m.Id
                          select new SurveyView(m.Name, r.Brand, r.ProductType, r.Model, r.Fault, r.CompletedAt,
                              db.Technicians.Where(t => t.Id == f.TechnicianId).Select(t => t.Name).FirstOrDefault(),
                              m.Settings.TimeZone ?? "Asia/Shanghai", f.Satisfaction, f.Comment, f.AnsweredAt))
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (view is null)
            return false;
        View = view;
        return true;
    }
}
