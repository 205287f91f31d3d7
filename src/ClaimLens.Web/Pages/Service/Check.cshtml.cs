using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Repairs.Authorised;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Service;

/// <summary>The public authorised-service check: a customer types the number they found and the brand, and learns whether
/// it is a real authorised desk. Same answer and same per-IP rate limit as <c>/api/v1/public/authorised</c>.</summary>
[EnableRateLimiting(AuthorisedCheckOptions.Policy)]
public sealed class CheckModel(ClaimLensDbContext db) : PageModel
{
    public string? Phone { get; private set; }

    public string? Brand { get; private set; }

    public AuthorisedAnswer? Answer { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(string? phone, string? brand)
    {
        Phone = phone;
        Brand = brand;
        // An empty form is the first visit, not an error.
        if (phone is null && brand is null)
            return;
        var v = new Validation();
        Answer = await AuthorisedApi.AnswerAsync(phone, brand, db, v, HttpContext.RequestAborted);
        foreach (var field in v.ToDictionary().Keys)
            Errors[field] = field == "phone"
                ? L("请输入 5–15 位电话号码（可含空格、横线或 +86）。", "Enter a phone number of 5–15 digits (spaces, dashes or +86 allowed).")
                : L("请输入品牌名称（不超过 64 个字）。", "Enter the brand (at most 64 characters).");
        if (Errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
