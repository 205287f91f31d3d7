namespace ClaimLens.Web.Claims;

/// <summary>Where one uploaded photo came from, as the server established it (never the client's word alone).</summary>
public sealed record PhotoOrigin(EvidenceSource Source, string? CaptureCode, DateTimeOffset? CapturedAt)
{
    public static readonly PhotoOrigin Uploaded = new(EvidenceSource.Uploaded, null, null);
}
