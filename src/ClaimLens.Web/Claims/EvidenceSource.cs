namespace ClaimLens.Web.Claims;

public enum EvidenceSource
{
    /// <summary>Picked from the buyer's gallery or posted by an integration.</summary>
    Uploaded,

    /// <summary>Taken in the desk's own camera page for this claim.</summary>
    CapturedLive,
}
