using System.Globalization;
using ClaimLens.Web.Claims;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>How the buyer's pages name a claim's state, type, outcome and photos: plain words, no desk jargon.</summary>
public static class BuyerWords
{
    public static string Status(ClaimStatus status) => status switch
    {
        ClaimStatus.Analyzing => L("分析中", "Analysing"),
        ClaimStatus.AwaitingMerchant => L("等待商家回复", "Waiting for the merchant"),
        ClaimStatus.InReview => L("审核中", "In review"),
        ClaimStatus.AwaitingBuyer => L("需要补充证据", "More evidence needed"),
        ClaimStatus.Approved => L("已同意", "Approved"),
        _ => L("已驳回", "Rejected"),
    };

    /// <summary>A CSS class for the status badge: finished claims in their colour, open ones neutral, asks in amber.</summary>
    public static string StatusClass(ClaimStatus status) => status switch
    {
        ClaimStatus.Approved => "st-ok",
        ClaimStatus.Rejected => "st-bad",
        ClaimStatus.AwaitingBuyer => "st-ask",
        _ => "st-open",
    };

    public static string Type(ClaimType type) => type == ClaimType.RefundOnly ? L("仅退款", "Refund only") : L("退货退款", "Return and refund");

    public static string Outcome(DecisionReason reason) => reason switch
    {
        DecisionReason.Accepted => L("审核通过", "Accepted after review"),
        DecisionReason.AutoApproved => L("自动通过", "Approved automatically"),
        DecisionReason.ForgedEvidence => L("照片经核查不可信", "The photos could not be trusted"),
        DecisionReason.NotCovered => L("不在售后范围内", "Not covered by after-sales"),
        DecisionReason.InsufficientEvidence => L("证据不足", "Not enough evidence"),
        _ => L("其他原因", "Other reason"),
    };

    public static string Source(EvidenceSource source) =>
        source == EvidenceSource.CapturedLive ? L("现场拍摄", "Captured live") : L("相册上传", "Uploaded");

    /// <summary>An instant to the second in the merchant's zone, as burned into a live photo.</summary>
    public static string LocalSeconds(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => "¥" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The reason choices of the claim form: code, then the words stored with the claim (both languages,
    /// since the merchant and the reviewer may read either).</summary>
    public static readonly IReadOnlyList<(string Code, string Zh, string En)> Reasons =
    [
        ("damaged", "商品破损", "Arrived damaged"),
        ("defect", "质量问题", "Quality defect"),
        ("not_as_described", "与描述不符", "Not as described"),
        ("missing", "少件、漏发", "Parts missing"),
        ("other", "其他", "Other"),
    ];
}
