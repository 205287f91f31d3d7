namespace ClaimLens.Web.Claims;

/// <summary>A buyer's after-sales claim on one order line, with its photos and where it stands.</summary>
public sealed class Claim
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public Guid OrderId { get; set; }

    public required string Sku { get; set; }

    public ClaimType Type { get; set; }

    public required string Reason { get; set; }

    public decimal Amount { get; set; }

    public ClaimStatus Status { get; set; }

    /// <summary>Keyed hash of the buyer (copied from the order) for the cross-merchant standing.</summary>
    public required string BuyerKey { get; set; }

    /// <summary>Highest photo risk (0..100) once analysed.</summary>
    public int? Risk { get; set; }

    /// <summary>The strongest photo verdict, as in the report contract (e.g. <c>likely_manipulated</c>).</summary>
    public string? Verdict { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ResponseDueAt { get; set; }

    public DateTimeOffset? ReviewDueAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DecisionReason? DecisionReason { get; set; }

    /// <summary>The reason shown to the buyer, or what the reviewer asked for.</summary>
    public string? DecisionNote { get; set; }

    /// <summary>Secret of the link that lets the buyer add photos when more evidence is asked for.</summary>
    public string? EvidenceToken { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change, so two writers never both move the claim.</summary>
    public int Version { get; set; }

    public List<EvidencePhoto> Photos { get; set; } = [];

    public List<MerchantResponse> Responses { get; set; } = [];
}
