namespace ClaimLens.Web.Claims;

/// <summary>Where a claim stands. <see cref="ClaimStateMachine"/> holds the allowed moves.</summary>
public enum ClaimStatus
{
    /// <summary>Photos are being analysed.</summary>
    Analyzing,

    /// <summary>The merchant may answer until the response deadline.</summary>
    AwaitingMerchant,

    /// <summary>In the review queue until a reviewer decides.</summary>
    InReview,

    /// <summary>A reviewer asked the buyer for more evidence.</summary>
    AwaitingBuyer,

    Approved,
    Rejected,
}
