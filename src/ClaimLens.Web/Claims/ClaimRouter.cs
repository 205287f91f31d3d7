using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;

namespace ClaimLens.Web.Claims;

/// <summary>Decides where a claim goes once all its photos are analysed: approved at once (low risk, small
/// amount, buyer in good standing, as the merchant's settings allow), to the merchant for an answer, or, after
/// evidence was added at a reviewer's request, back to review.</summary>
public static class ClaimRouter
{
    public static async Task RouteAnalysedAsync(ClaimLensDbContext db, TimeProvider time, Claim claim, MerchantSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(settings);
        var now = time.GetUtcNow();
        var analysed = claim.Photos.Where(p => p.AnalyzedAt is not null).ToList();
        claim.Risk = analysed.Count == 0 ? null : analysed.Max(p => p.Risk ?? 0);
        claim.Verdict = WorstVerdict(analysed.Select(p => p.Verdict));
        var unreadable = analysed.Count(p => p.AnalysisError is not null);

        if (claim.Photos.Any(p => p.Round > 1))
        {
            ClaimStateMachine.Fire(claim, ClaimTrigger.AnalysedAfterMoreEvidence, now);
            claim.ReviewDueAt = now + settings.ReviewWindow;
            db.Append(time, "system", "claim.analysed", "claim", claim.Id, claim.MerchantId, new { claim.Risk, claim.Verdict, to = "in_review" });
            return;
        }

        var standing = await BuyerStanding.ForAsync(db, claim.BuyerKey, now, cancellationToken);
        var autoApprove = unreadable == 0
            && claim.Verdict == "no_manipulation_found"
            && claim.Risk <= settings.AutoApproveMaxRisk
            && claim.Amount <= settings.AutoApproveMaxAmount
            && standing.RejectedForForgedEvidence <= settings.AutoApproveMaxForgedRejections;
        if (autoApprove)
        {
            ClaimStateMachine.Fire(claim, ClaimTrigger.AutoApprove, now);
            claim.DecidedAt = now;
            claim.DecidedBy = "auto";
            claim.DecisionReason = DecisionReason.AutoApproved;
            db.Append(time, "system", "claim.auto_approved", "claim", claim.Id, claim.MerchantId, new { claim.Risk, claim.Verdict, claim.Amount });
            return;
        }
        ClaimStateMachine.Fire(claim, ClaimTrigger.AskMerchant, now);
        claim.ResponseDueAt = now + settings.ResponseWindow;
        db.Append(time, "system", "claim.analysed", "claim", claim.Id, claim.MerchantId,
            new { claim.Risk, claim.Verdict, to = "awaiting_merchant", claim.ResponseDueAt, unreadable });
    }

    /// <summary>likely_manipulated over needs_review over no_manipulation_found; null when nothing was analysed.</summary>
    public static string? WorstVerdict(IEnumerable<string?> verdicts)
    {
        string? worst = null;
        foreach (var v in verdicts)
        {
            if (Rank(v) > Rank(worst))
                worst = v;
        }
        return worst;
    }

    private static int Rank(string? verdict) => verdict switch
    {
        "likely_manipulated" => 3,
        "needs_review" => 2,
        "no_manipulation_found" => 1,
        _ => 0,
    };
}
