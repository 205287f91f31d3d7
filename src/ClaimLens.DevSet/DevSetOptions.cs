namespace ClaimLens.DevSet;

/// <summary>Composition of a development set.</summary>
/// <param name="Seed">Seed of every random choice; the same seed gives the same files.</param>
/// <param name="ForgeriesPerPhoto">Edited copies made from each photo.</param>
/// <param name="GenuinePerPhoto">Genuine claims (unrelated photos and new photographs) made for each photo.</param>
/// <param name="MaxLongSide">Bigger photos are downscaled to this long side first, to keep the set small and fast.</param>
/// <param name="MinListingSide">Photos whose short side is smaller give no rows of their own (no listing photo is that
/// small; two of the shared metadata samples are 140 px) and serve only as other photos' decoys.</param>
/// <param name="SiblingsPerPhoto">Forgeries painted on a platform's re-encode of the merchant's original rather than on
/// the reference file itself (kind <c>forged/sibling</c>).</param>
public sealed record DevSetOptions(int Seed = 7, int ForgeriesPerPhoto = 12, int GenuinePerPhoto = 6, int MaxLongSide = 2048, int MinListingSide = 300,
    int SiblingsPerPhoto = 3);
