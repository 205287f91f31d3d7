namespace ClaimLens.Forensics.Reuse;

/// <summary>An earlier fingerprint close to the one looked up.</summary>
/// <param name="Key">The caller's id given to <see cref="ReuseIndex.Add"/>.</param>
/// <param name="Distance">Hamming distance of the two 128-bit fingerprints (0..128).</param>
/// <param name="Similarity">1 for identical fingerprints, falling linearly to 0 at distance 64, where unrelated
/// pictures sit on average.</param>
public readonly record struct ReuseMatch(long Key, int Distance, double Similarity)
{
    /// <summary>The <see cref="Similarity"/> for a distance.</summary>
    public static double SimilarityOf(int distance) => Math.Clamp(1 - distance / 64.0, 0, 1);
}
