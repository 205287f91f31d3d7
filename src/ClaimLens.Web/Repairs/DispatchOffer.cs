namespace ClaimLens.Web.Repairs;

/// <summary>One offer of a job to one technician. At most one offer of a request is open at a time.</summary>
public sealed class DispatchOffer
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public Guid MerchantId { get; set; }

    public Guid TechnicianId { get; set; }

    public OfferStatus Status { get; set; }

    public DateTimeOffset OfferedAt { get; set; }

    /// <summary>When the offer passes to the next technician; null for a dispatcher's override, which does not lapse.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>"dispatch" or the dispatcher who overrode.</summary>
    public required string OfferedBy { get; set; }

    /// <summary>The ranking score and its parts when dispatch chose (compact JSON), for explaining the choice.</summary>
    public string? Ranking { get; set; }
}
