namespace ClaimLens.Web.Evidence;

/// <summary>What kind of photo an <see cref="EvidenceFingerprint"/> was taken from.</summary>
public enum FingerprintSubject
{
    ClaimPhoto,
    RepairPhoto,
}
