using System.Globalization;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Settings;

/// <summary>How the merchant's claims are routed: the response and review windows, the auto-approve limits and the
/// time zone its people read times in. Each change is written to the audit log with the values before and after.</summary>
public sealed class IndexModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    public const int MaxWindowHours = 30 * 24;

    [BindProperty] public string? ResponseWindowHours { get; set; }

    [BindProperty] public string? ReviewWindowHours { get; set; }

    [BindProperty] public string? AutoApproveMaxAmount { get; set; }

    [BindProperty] public string? AutoApproveMaxRisk { get; set; }

    [BindProperty] public string? AutoApproveMaxForgedRejections { get; set; }

    [BindProperty] public string? TimeZone { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        Saved = saved;
        var merchant = Caller.From(User).RequireMerchant();
        var s = await db.Merchants.AsNoTracking().Where(m => m.Id == merchant).Select(m => m.Settings).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (s is null)
            return NotFound();
        ResponseWindowHours = Hours(s.ResponseWindow);
        ReviewWindowHours = Hours(s.ReviewWindow);
        AutoApproveMaxAmount = s.AutoApproveMaxAmount.ToString("0.##", CultureInfo.InvariantCulture);
        AutoApproveMaxRisk = s.AutoApproveMaxRisk.ToString(CultureInfo.InvariantCulture);
        AutoApproveMaxForgedRejections = s.AutoApproveMaxForgedRejections.ToString(CultureInfo.InvariantCulture);
        TimeZone = s.TimeZone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var merchant = caller.RequireMerchant();
        var response = Number(nameof(ResponseWindowHours), ResponseWindowHours, 1, MaxWindowHours, L("回复期限", "Response window"));
        var review = Number(nameof(ReviewWindowHours), ReviewWindowHours, 1, MaxWindowHours, L("审核期限", "Review window"));
        var amount = Number(nameof(AutoApproveMaxAmount), AutoApproveMaxAmount, 0, 1_000_000, L("自动同意金额上限", "Auto-approve amount limit"));
        var risk = Number(nameof(AutoApproveMaxRisk), AutoApproveMaxRisk, 0, 100, L("自动同意风险上限", "Auto-approve risk limit"), whole: true);
        var forged = Number(nameof(AutoApproveMaxForgedRejections), AutoApproveMaxForgedRejections, 0, 100,
            L("伪造驳回次数上限", "Forged-rejection limit"), whole: true);
        var zone = TimeZone?.Trim();
        if (string.IsNullOrEmpty(zone) || zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            Errors[nameof(TimeZone)] = L("时区无效，请填写 IANA 时区名，例如 Asia/Shanghai。", "Unknown time zone: use an IANA name such as Asia/Shanghai.");
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var row = await db.Merchants.SingleAsync(m => m.Id == merchant, ct);
        var s = row.Settings;
        var before = new { s.ResponseWindow, s.ReviewWindow, s.AutoApproveMaxAmount, s.AutoApproveMaxRisk, s.AutoApproveMaxForgedRejections, s.TimeZone };
        s.ResponseWindow = TimeSpan.FromHours((double)response!.Value);
        s.ReviewWindow = TimeSpan.FromHours((double)review!.Value);
        s.AutoApproveMaxAmount = amount!.Value;
        s.AutoApproveMaxRisk = (int)risk!.Value;
        s.AutoApproveMaxForgedRejections = (int)forged!.Value;
        s.TimeZone = zone!;
        db.Append(time, caller.Actor, "merchant.settings_changed", "merchant", merchant, merchant, new
        {
            before,
            after = new { s.ResponseWindow, s.ReviewWindow, s.AutoApproveMaxAmount, s.AutoApproveMaxRisk, s.AutoApproveMaxForgedRejections, s.TimeZone },
        });
        await db.SaveChangesAsync(ct);
        return Redirect("/merchant/settings?saved=true");
    }

    private decimal? Number(string field, string? text, decimal min, decimal max, string label, bool whole = false)
    {
        if (!decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            Errors[field] = L($"{label}请填写数字。", $"{label}: enter a number.");
        else if (value < min || value > max)
            Errors[field] = L($"{label}须在 {min} 到 {max} 之间。", $"{label} must be from {min} to {max}.");
        else if (whole && value != decimal.Truncate(value))
            Errors[field] = L($"{label}须为整数。", $"{label} must be a whole number.");
        else
            return value;
        return null;
    }

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
}
