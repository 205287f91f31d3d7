using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant;

/// <summary>What every merchant page shows the same way: the merchant's time zone, statuses, verdicts and money.</summary>
public static class MerchantPages
{
    public const int PageSize = 25;

    public static async Task<string> TimeZoneAsync(ClaimLensDbContext db, Guid merchantId, CancellationToken cancellationToken) =>
        await db.Merchants.AsNoTracking().Where(m => m.Id == merchantId).Select(m => m.Settings.TimeZone).SingleOrDefaultAsync(cancellationToken)
        ?? "Asia/Shanghai";

    public static string Money(decimal amount) => "¥" + amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusText(ClaimStatus status) => status switch
    {
        ClaimStatus.Analyzing => L("分析中", "Analysing"),
        ClaimStatus.AwaitingMerchant => L("待商家回复", "Awaiting your answer"),
        ClaimStatus.InReview => L("审核中", "In review"),
        ClaimStatus.AwaitingBuyer => L("待买家补充", "Awaiting the buyer"),
        ClaimStatus.Approved => L("已同意", "Approved"),
        ClaimStatus.Rejected => L("已驳回", "Rejected"),
        _ => status.ToString(),
    };

    public static string VerdictText(string? verdict) => verdict switch
    {
        "likely_manipulated" => L("很可能被篡改", "Likely manipulated"),
        "needs_review" => L("需人工查看", "Needs review"),
        "no_manipulation_found" => L("未发现篡改", "No manipulation found"),
        null => L("尚未分析", "Not analysed yet"),
        _ => verdict,
    };

    public static string RiskClass(int? risk) => risk switch
    {
        >= 70 => "sev-critical",
        >= 30 => "sev-warning",
        null => "",
        _ => "sev-info",
    };

    public static string SeverityText(string severity) => severity switch
    {
        "critical" => L("严重", "Critical"),
        "high" => L("高", "High"),
        "warning" => L("注意", "Warning"),
        _ => L("提示", "Info"),
    };
}
