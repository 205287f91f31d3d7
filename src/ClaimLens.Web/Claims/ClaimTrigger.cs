namespace ClaimLens.Web.Claims;

/// <summary>What can happen to a claim; <see cref="ClaimStateMachine"/> says where each leads.</summary>
public enum ClaimTrigger
{
    AutoApprove,
    AskMerchant,
    AnalysedAfterMoreEvidence,
    MerchantResponded,
    ResponseWindowExpired,
    Approve,
    Reject,
    RequestEvidence,
    BuyerAddedEvidence,
}
