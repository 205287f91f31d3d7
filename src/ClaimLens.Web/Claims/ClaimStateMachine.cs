namespace ClaimLens.Web.Claims;

/// <summary>The one place that says which claim moves are allowed. Every change of <see cref="Claim.Status"/>
/// goes through <see cref="Fire"/>; anything else is refused with the reason (HTTP 409).</summary>
public static class ClaimStateMachine
{
    private static readonly Dictionary<(ClaimStatus, ClaimTrigger), ClaimStatus> Moves = new()
    {
        [(ClaimStatus.Analyzing, ClaimTrigger.AutoApprove)] = ClaimStatus.Approved,
        [(ClaimStatus.Analyzing, ClaimTrigger.AskMerchant)] = ClaimStatus.AwaitingMerchant,
        [(ClaimStatus.Analyzing, ClaimTrigger.AnalysedAfterMoreEvidence)] = ClaimStatus.InReview,
        [(ClaimStatus.AwaitingMerchant, ClaimTrigger.MerchantResponded)] = ClaimStatus.InReview,
        [(ClaimStatus.AwaitingMerchant, ClaimTrigger.ResponseWindowExpired)] = ClaimStatus.InReview,
        [(ClaimStatus.InReview, ClaimTrigger.Approve)] = ClaimStatus.Approved,
        [(ClaimStatus.InReview, ClaimTrigger.Reject)] = ClaimStatus.Rejected,
        [(ClaimStatus.InReview, ClaimTrigger.RequestEvidence)] = ClaimStatus.AwaitingBuyer,
        [(ClaimStatus.AwaitingBuyer, ClaimTrigger.BuyerAddedEvidence)] = ClaimStatus.Analyzing,
    };

    /// <summary>Moves <paramref name="claim"/> and returns the status it left.</summary>
    /// <exception cref="InvalidTransitionException">The move is not allowed from the claim's status.</exception>
    public static ClaimStatus Fire(Claim claim, ClaimTrigger trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!Moves.TryGetValue((claim.Status, trigger), out var to))
            throw new InvalidTransitionException(claim.Status, trigger);
        var from = claim.Status;
        claim.Status = to;
        claim.UpdatedAt = now;
        claim.Version++;
        return from;
    }

    /// <summary>True when <paramref name="trigger"/> may move a claim that is <paramref name="from"/> (pages show an
    /// action only when it is allowed).</summary>
    public static bool Allows(ClaimStatus from, ClaimTrigger trigger) => Moves.ContainsKey((from, trigger));

    public static string Name(ClaimStatus status) => status switch
    {
        ClaimStatus.Analyzing => "analyzing",
        ClaimStatus.AwaitingMerchant => "awaiting_merchant",
        ClaimStatus.InReview => "in_review",
        ClaimStatus.AwaitingBuyer => "awaiting_buyer",
        ClaimStatus.Approved => "approved",
        ClaimStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
