namespace ClaimLens.Web.Evidence;

/// <summary>The perceptual fingerprint of an analysed claim or repair photo, for the deployment-wide reuse index.
/// For a repair photo (<see cref="Subject"/> = <see cref="FingerprintSubject.RepairPhoto"/>), <see cref="EvidencePhotoId"/>
/// holds the repair photo's id and <see cref="ClaimId"/> the service request's (docs/decisions/0019).</summary>
public sealed class EvidenceFingerprint
{
    /// <summary>Sequential, so each process's in-memory index catches up by reading rows above its last id.</summary>
    public long Id { get; set; }

    public Guid EvidencePhotoId { get; set; }

    public Guid ClaimId { get; set; }

    public Guid MerchantId { get; set; }

    public FingerprintSubject Subject { get; set; }

    public long Value { get; set; }

    public long Detail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
