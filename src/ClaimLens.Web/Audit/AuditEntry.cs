namespace ClaimLens.Web.Audit;

/// <summary>One link of the hash-chained audit log. <see cref="Hash"/> covers every other field and the
/// previous entry's hash, so changing or removing any entry breaks every later link.</summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }

    public Guid? MerchantId { get; set; }

    /// <summary>Compact JSON with what changed.</summary>
    public required string Data { get; set; }

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
