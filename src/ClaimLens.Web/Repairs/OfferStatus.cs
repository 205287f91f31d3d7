namespace ClaimLens.Web.Repairs;

public enum OfferStatus
{
    Open,
    Accepted,
    Lapsed,
    Declined,

    /// <summary>A dispatcher moved the job elsewhere, or it was cancelled.</summary>
    Withdrawn,
}
