namespace ClaimLens.Web.Claims;

/// <summary>Why a claim was decided as it was; <see cref="ForgedEvidence"/> counts against the buyer's standing.</summary>
public enum DecisionReason
{
    Accepted,
    AutoApproved,
    ForgedEvidence,
    NotCovered,
    InsufficientEvidence,
    Other,
}
