namespace ClaimLens.Forensics.Reuse;

/// <summary>Facts about a <see cref="ReuseIndexFile"/>.</summary>
/// <param name="Count">Fingerprints in the index.</param>
/// <param name="Sources">Distinct sources recorded.</param>
/// <param name="FileBytes">Size of the file on disk when last opened or saved (0 before the first save).</param>
/// <param name="MemoryBytes">Bytes the index arrays hold in memory.</param>
/// <param name="MaxDistance">Largest Hamming distance reported as a match.</param>
public sealed record ReuseIndexStats(int Count, int Sources, long FileBytes, long MemoryBytes, int MaxDistance);
