namespace ClaimLens.Forensics.Report;

/// <summary>The <c>claimlens.report/1</c> document: what the engine found in one evidence photo.</summary>
public sealed record EvidenceReport(
    ImageInfo Image,
    Verdict Verdict,
    int Risk,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, double> TimingsMs)
{
    /// <summary>The contract's schema name.</summary>
    public const string SchemaName = "claimlens.report/1";

    /// <summary>Always <see cref="SchemaName"/>.</summary>
    public string Schema => SchemaName;
}
