namespace ClaimLens.Web.Claims;

/// <summary>The merchant's answer to a claim, with the media it points to.</summary>
public sealed class MerchantResponse
{
    public Guid Id { get; set; }

    public Guid ClaimId { get; set; }

    public required string Text { get; set; }

    public List<string> EvidenceSha256 { get; set; } = [];

    public required string Actor { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
