using ClaimLens.Web.Claims;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Review;

/// <summary>The reviewer pages' names for the desk's codes (statuses, verdicts, findings, reasons), in both languages.</summary>
public static class ReviewText
{
    public static string Status(ClaimStatus status) => status switch
    {
        ClaimStatus.Analyzing => L("分析中", "Analysing"),
        ClaimStatus.AwaitingMerchant => L("等待商家答复", "Awaiting merchant"),
        ClaimStatus.InReview => L("待审核", "In review"),
        ClaimStatus.AwaitingBuyer => L("等待买家补充证据", "Awaiting buyer's evidence"),
        ClaimStatus.Approved => L("已同意", "Approved"),
        _ => L("已驳回", "Rejected"),
    };

    public static string Verdict(string? verdict) => verdict switch
    {
        "likely_manipulated" => L("疑似伪造", "Likely manipulated"),
        "needs_review" => L("需人工判断", "Needs review"),
        "no_manipulation_found" => L("未发现篡改", "No manipulation found"),
        _ => L("尚未分析", "Not analysed"),
    };

    public static string Severity(string severity) => severity switch
    {
        "critical" => L("严重", "Critical"),
        "high" => L("高", "High"),
        "warning" => L("注意", "Warning"),
        _ => L("提示", "Info"),
    };

    /// <summary>CSS class of a severity badge (desk.css has critical, warning and info).</summary>
    public static string SeverityClass(string severity) => severity switch
    {
        "critical" or "high" => "sev-critical",
        "warning" => "sev-warning",
        _ => "sev-info",
    };

    public static string Reason(string reason) => reason switch
    {
        "forged_evidence" => L("证据伪造", "Forged evidence"),
        "not_covered" => L("不在售后范围内", "Not covered"),
        "insufficient_evidence" => L("证据不足", "Insufficient evidence"),
        "accepted" => L("同意", "Accepted"),
        "auto_approved" => L("自动同意", "Approved automatically"),
        _ => L("其他", "Other"),
    };

    public static string Finding(string code) => code switch
    {
        "derived_from_reference" => L("由参考图改出", "Derived from a reference photo"),
        "reused_evidence" => L("重复使用的证据", "Reused evidence"),
        "c2pa_manifest" => L("C2PA 内容凭证", "C2PA Content Credentials"),
        "c2pa_ai_generated" => L("C2PA 声明 AI 生成", "C2PA declares AI generation"),
        "c2pa_signature_invalid" => L("C2PA 签名无效", "C2PA signature invalid"),
        "tc260_ai_label" => L("AI 生成内容标识（GB 45438）", "AI content label (GB 45438)"),
        "iptc_ai_source_type" => L("IPTC 来源类型为 AI", "IPTC source type: AI"),
        "generator_parameters" => L("含生成参数", "Generator parameters"),
        "editing_software" => L("经编辑软件处理", "Editing software"),
        "captured_before_delivery" => L("拍摄早于签收", "Taken before delivery"),
        "exif_thumbnail_mismatch" => L("EXIF 缩略图不符", "EXIF thumbnail mismatch"),
        "no_camera_metadata" => L("无相机元数据", "No camera metadata"),
        "recompressed" => L("多次压缩", "Recompressed"),
        "local_noise_inconsistency" => L("局部噪声不一致", "Local noise inconsistency"),
        "copy_move" => L("复制粘贴区域", "Copy-move"),
        _ => code,
    };

    /// <summary>Localised text for a field the decision core refused (its own messages are the API's English).</summary>
    public static string DecisionError(string field) => field switch
    {
        "reason" => L("驳回时请选择理由。", "Choose a reason for the rejection."),
        "note" => L("请写明告知买家的说明（驳回理由或需补充的证据），不超过 2000 字。", "Write what the buyer is told (the reason, or the evidence to add), at most 2000 characters."),
        _ => L("请选择同意、驳回或要求补充证据。", "Choose approve, reject or ask for more evidence."),
    };
}
