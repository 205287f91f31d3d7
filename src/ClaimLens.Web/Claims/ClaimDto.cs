using System.Text.Json.Nodes;

namespace ClaimLens.Web.Claims;

/// <summary>A claim as the API shows it: where it stands, its deadlines, and each photo's report.</summary>
public sealed record ClaimDto(
    Guid Id, string OrderNo, string Sku, string Type, string Reason, decimal Amount, string Status, int? Risk, string? Verdict,
    DateTimeOffset CreatedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? ReviewDueAt, DateTimeOffset? DecidedAt,
    string? Decision, string? DecisionNote, BuyerStanding BuyerStanding, IReadOnlyList<EvidencePhotoDto> Photos,
    IReadOnlyList<MerchantResponseDto> MerchantResponses)
{
    public static ClaimDto From(Claim claim, string orderNo, BuyerStanding standing)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new ClaimDto(claim.Id, orderNo, claim.Sku, claim.Type == ClaimType.RefundOnly ? "refund_only" : "return_refund",
            claim.Reason, claim.Amount, ClaimStateMachine.Name(claim.Status), claim.Risk, claim.Verdict, claim.CreatedAt,
            claim.ResponseDueAt, claim.ReviewDueAt, claim.DecidedAt, claim.DecisionReason is { } r ? DecisionName(r) : null,
            claim.DecisionNote, standing,
            claim.Photos.OrderBy(p => p.Round).ThenBy(p => p.Ordinal).Select(EvidencePhotoDto.From).ToList(),
            claim.Responses.OrderBy(r => r.CreatedAt).Select(r => new MerchantResponseDto(r.Text, r.EvidenceSha256, r.CreatedAt)).ToList());
    }

    public static string DecisionName(DecisionReason reason) => reason switch
    {
        Claims.DecisionReason.Accepted => "accepted",
        Claims.DecisionReason.AutoApproved => "auto_approved",
        Claims.DecisionReason.ForgedEvidence => "forged_evidence",
        Claims.DecisionReason.NotCovered => "not_covered",
        Claims.DecisionReason.InsufficientEvidence => "insufficient_evidence",
        _ => "other",
    };
}

public sealed record EvidencePhotoDto(
    Guid Id, int Round, int Ordinal, string FileName, string Sha256, string Source, string Status, int? Risk, string? Verdict,
    string? AnalysisError, JsonNode? Report)
{
    public static EvidencePhotoDto From(EvidencePhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return new EvidencePhotoDto(photo.Id, photo.Round, photo.Ordinal, photo.FileName, photo.Sha256,
            photo.Source == EvidenceSource.CapturedLive ? "captured_live" : "uploaded",
            photo.AnalyzedAt is null ? "queued" : photo.AnalysisError is null ? "analysed" : "unreadable",
            photo.Risk, photo.Verdict, photo.AnalysisError, photo.ReportJson is null ? null : JsonNode.Parse(photo.ReportJson));
    }
}

public sealed record MerchantResponseDto(string Text, IReadOnlyList<string> EvidenceSha256, DateTimeOffset CreatedAt);
