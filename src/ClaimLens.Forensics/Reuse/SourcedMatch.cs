namespace ClaimLens.Forensics.Reuse;

/// <summary>A match from a <see cref="ReuseIndexFile"/>: the source recorded with the earlier fingerprint.</summary>
public readonly record struct SourcedMatch(string Source, int Distance, double Similarity);
