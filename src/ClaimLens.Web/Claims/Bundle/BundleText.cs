namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Every word a bundle prints, in Simplified Chinese and in English.</summary>
internal sealed class BundleText
{
    public required string Language { get; init; }

    public required Func<string, string> Title { get; init; }

    public required string Header { get; init; }

    public required Func<int, int, string> PageOf { get; init; }

    public required string ClaimSection { get; init; }

    public required string Merchant { get; init; }

    public required string OrderNo { get; init; }

    public required string ClaimId { get; init; }

    public required string Type { get; init; }

    public required string Reason { get; init; }

    public required string Amount { get; init; }

    public required string Status { get; init; }

    public required string Filed { get; init; }

    public required string Decided { get; init; }

    public required string TimeZone { get; init; }

    public required string Risk { get; init; }

    public required string Verdict { get; init; }

    public required string BuyerStanding { get; init; }

    public required Func<BuyerStanding, string> Standing { get; init; }

    public required string MerchantResponse { get; init; }

    public required string ReviewerDecision { get; init; }

    public required Func<string, string, string> DecidedBy { get; init; }

    public required string None { get; init; }

    public required string NotRecorded { get; init; }

    public required Func<int, int, string, string> PhotoTitle { get; init; }

    public required string ClaimPhoto { get; init; }

    public required string MatchedReference { get; init; }

    public required string NoReference { get; init; }

    public required string CannotShow { get; init; }

    public required string Findings { get; init; }

    public required string NoFindings { get; init; }

    public required string NotAnalysed { get; init; }

    public required Func<string, string> Unreadable { get; init; }

    public required string Confidence { get; init; }

    public required string FileSection { get; init; }

    public required string Format { get; init; }

    public required string Size { get; init; }

    public required string Dimensions { get; init; }

    public required string Camera { get; init; }

    public required string TakenAt { get; init; }

    public required string Software { get; init; }

    public required string Source { get; init; }

    public required string CapturedLive { get; init; }

    public required string Uploaded { get; init; }

    public required string AuditSection { get; init; }

    public required string AuditNote { get; init; }

    public required string[] AuditColumns { get; init; }

    public required Func<string, string> GeneratedAt { get; init; }

    public required string EmbeddedFiles { get; init; }

    public required Func<int, string> PhotoOriginal { get; init; }

    public required Func<int, string> PhotoEmbedded { get; init; }

    public required Func<int, string> ReferenceOriginal { get; init; }

    public required Func<int, string> ReferenceEmbedded { get; init; }

    public required Func<string, string> Name { get; init; }

    public static BundleText For(string language) => language == "en" ? En : Zh;

    public static readonly BundleText Zh = new()
    {
        Language = "zh",
        Title = order => $"售后证据包 · 订单 {order}",
        Header = "ClaimLens 售后证据包",
        PageOf = (n, total) => $"第 {n} / {total} 页",
        ClaimSection = "售后申请",
        Merchant = "商家", OrderNo = "订单号", ClaimId = "售后单号", Type = "类型", Reason = "原因", Amount = "金额", Status = "状态",
        Filed = "提交时间", Decided = "处理时间", TimeZone = "时区", Risk = "风险分", Verdict = "检测结论", BuyerStanding = "买家信誉",
        Standing = s => $"近 90 天共 {s.ClaimsLast90Days} 次售后：{s.RejectedForForgedEvidence} 次因伪造证据被驳回，{s.Approved} 次同意，{s.Open} 次未结；评级：{Rating(s.Rating, zh: true)}",
        MerchantResponse = "商家回应", ReviewerDecision = "审核决定",
        DecidedBy = (decision, who) => $"{decision}（审核人：{who}）",
        None = "无", NotRecorded = "未记录",
        PhotoTitle = (n, round, file) => $"照片 {n}（第 {round} 轮）：{file}",
        ClaimPhoto = "买家照片（红框为改动区域）", MatchedReference = "匹配的商家参考图", NoReference = "没有匹配的参考图",
        CannotShow = "图像无法显示", Findings = "检测发现", NoFindings = "未发现问题", NotAnalysed = "尚未分析：照片仍在分析队列中。",
        Unreadable = why => $"无法分析：{why}", Confidence = "置信度",
        FileSection = "文件信息", Format = "格式", Size = "大小", Dimensions = "尺寸", Camera = "拍摄设备", TakenAt = "拍摄时间",
        Software = "软件", Source = "来源", CapturedLive = "在 ClaimLens 页面现场拍摄", Uploaded = "从相册或系统上传",
        AuditSection = "审计记录",
        AuditNote = "以下记录摘自防篡改的审计日志：每条记录的哈希覆盖该记录内容与上一条记录的哈希，任何改动或删除都会使之后的哈希全部失效。",
        AuditColumns = ["时间", "操作者", "操作", "哈希（SHA-256）"],
        GeneratedAt = at => $"本文件生成于 {at}。",
        EmbeddedFiles = "嵌入文件的 SHA-256（原图存于 ClaimLens；文件中嵌入的是缩小后的 JPEG 副本）：",
        PhotoOriginal = n => $"照片 {n} 原图", PhotoEmbedded = n => $"照片 {n} 嵌入副本",
        ReferenceOriginal = n => $"参考图原图（见照片 {n}）", ReferenceEmbedded = n => $"参考图嵌入副本（见照片 {n}）",
        Name = Chinese,
    };

    public static readonly BundleText En = new()
    {
        Language = "en",
        Title = order => $"Evidence bundle · order {order}",
        Header = "ClaimLens after-sales evidence bundle",
        PageOf = (n, total) => $"Page {n} of {total}",
        ClaimSection = "The claim",
        Merchant = "Merchant", OrderNo = "Order number", ClaimId = "Claim id", Type = "Type", Reason = "Reason", Amount = "Amount",
        Status = "Status", Filed = "Filed", Decided = "Decided", TimeZone = "Time zone", Risk = "Risk", Verdict = "Verdict",
        BuyerStanding = "Buyer standing",
        Standing = s => $"{s.ClaimsLast90Days} claims in the last 90 days: {s.RejectedForForgedEvidence} rejected for forged evidence, {s.Approved} approved, {s.Open} open; rating: {Rating(s.Rating, zh: false)}",
        MerchantResponse = "Merchant's response", ReviewerDecision = "Reviewer's decision",
        DecidedBy = (decision, who) => $"{decision} (reviewer: {who})",
        None = "none", NotRecorded = "not recorded",
        PhotoTitle = (n, round, file) => $"Photo {n} (round {round}): {file}",
        ClaimPhoto = "Buyer's photo (changed regions outlined in red)", MatchedReference = "Matched merchant reference",
        NoReference = "No matched reference", CannotShow = "The picture cannot be shown", Findings = "Findings",
        NoFindings = "Nothing found", NotAnalysed = "Not analysed yet: the photo is still in the analysis queue.",
        Unreadable = why => $"Could not be analysed: {why}", Confidence = "confidence",
        FileSection = "File", Format = "Format", Size = "Size", Dimensions = "Dimensions", Camera = "Camera", TakenAt = "Taken at",
        Software = "Software", Source = "Source", CapturedLive = "captured live in the ClaimLens page", Uploaded = "uploaded from a gallery or a system",
        AuditSection = "Audit trail",
        AuditNote = "Entries from the tamper-evident audit log: each entry's hash covers the entry and the previous entry's hash, so changing or removing any entry breaks every later hash.",
        AuditColumns = ["Time", "Actor", "Action", "Hash (SHA-256)"],
        GeneratedAt = at => $"This document was generated at {at}.",
        EmbeddedFiles = "SHA-256 of every embedded file (originals are kept by ClaimLens; this document embeds scaled-down JPEG copies):",
        PhotoOriginal = n => $"Photo {n}, original", PhotoEmbedded = n => $"Photo {n}, embedded copy",
        ReferenceOriginal = n => $"Reference original (see photo {n})", ReferenceEmbedded = n => $"Reference embedded copy (see photo {n})",
        Name = English,
    };

    private static string Rating(string rating, bool zh) => (rating, zh) switch
    {
        ("good", true) => "良好",
        ("watch", true) => "需关注",
        ("poor", true) => "差",
        _ => rating,
    };

    // Contract names (statuses, verdicts, severities, decisions, claim types) as people read them.
    private static string Chinese(string name) => name switch
    {
        "refund_only" => "仅退款",
        "return_refund" => "退货退款",
        "analyzing" => "分析中",
        "awaiting_merchant" => "等待商家回应",
        "in_review" => "审核中",
        "awaiting_buyer" => "等待买家补充证据",
        "approved" => "已同意",
        "rejected" => "已驳回",
        "likely_manipulated" => "很可能被篡改",
        "needs_review" => "需要人工复核",
        "no_manipulation_found" => "未发现篡改",
        "critical" => "严重",
        "high" => "高",
        "warning" => "警告",
        "info" => "提示",
        "accepted" => "同意",
        "auto_approved" => "自动同意",
        "forged_evidence" => "证据伪造",
        "not_covered" => "不在保障范围",
        "insufficient_evidence" => "证据不足",
        "other" => "其他",
        _ => name,
    };

    private static string English(string name) => name switch
    {
        "refund_only" => "refund only",
        "return_refund" => "return and refund",
        "analyzing" => "being analysed",
        "awaiting_merchant" => "awaiting the merchant",
        "in_review" => "in review",
        "awaiting_buyer" => "awaiting more evidence from the buyer",
        "likely_manipulated" => "likely manipulated",
        "needs_review" => "needs review",
        "no_manipulation_found" => "no manipulation found",
        "auto_approved" => "approved automatically",
        "forged_evidence" => "forged evidence",
        "not_covered" => "not covered",
        "insufficient_evidence" => "insufficient evidence",
        _ => name,
    };
}
