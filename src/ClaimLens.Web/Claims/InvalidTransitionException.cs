namespace ClaimLens.Web.Claims;

/// <summary>A claim was asked to make a move its status does not allow.</summary>
public sealed class InvalidTransitionException : Exception
{
    public InvalidTransitionException()
    {
    }

    public InvalidTransitionException(string message) : base(message)
    {
    }

    public InvalidTransitionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidTransitionException(ClaimStatus from, ClaimTrigger trigger)
        : base($"a claim that is {ClaimStateMachine.Name(from)} cannot be moved by {Describe(trigger)}")
    {
    }

    private static string Describe(ClaimTrigger trigger) => trigger switch
    {
        ClaimTrigger.MerchantResponded => "a merchant response (the response window is closed or not open)",
        ClaimTrigger.Approve or ClaimTrigger.Reject or ClaimTrigger.RequestEvidence => "a review decision (it is not in review)",
        ClaimTrigger.BuyerAddedEvidence => "added evidence (no evidence was asked for)",
        _ => trigger.ToString(),
    };
}
