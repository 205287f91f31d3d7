namespace ClaimLens.Web.Repairs.Work;

/// <summary>The work record of one job (one row per request, made at the first step that needs it): the check-in on
/// site, the parts used and the customer's signature. Notes are visit notes on the timeline (encrypted there).</summary>
public sealed class JobRecord
{
    /// <summary>The request's id (one record per request).</summary>
    public Guid RequestId { get; set; }

    public Guid MerchantId { get; set; }

    public DateTimeOffset? DepartedAt { get; set; }

    public DateTimeOffset? ArrivedAt { get; set; }

    /// <summary>Where the technician checked in, when the browser gave a position (WGS-84).</summary>
    public double? ArrivedLatitude { get; set; }

    public double? ArrivedLongitude { get; set; }

    public List<PartUse> Parts { get; set; } = [];

    /// <summary>The customer's signature, a PNG in the media store.</summary>
    public string? SignatureSha256 { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
