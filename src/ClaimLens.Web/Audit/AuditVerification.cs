namespace ClaimLens.Web.Audit;

/// <summary>The result of walking the audit chain: intact, or the first broken entry and why.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSeq, string? Problem);
