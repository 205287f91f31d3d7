namespace ClaimLens.DevSet;

/// <summary>Composition of a development set.</summary>
/// <param name="Seed">Seed of every random choice; the same seed gives the same files.</param>
/// <param name="ForgeriesPerPhoto">Edited copies made from each photo.</param>
/// <param name="GenuinePerPhoto">Genuine claims (unrelated photos and new photographs) made for each photo.</param>
/// <param name="MaxLongSide">Bigger photos are downscaled to this long side first, to keep the set small and fast.</param>
public sealed record DevSetOptions(int Seed = 7, int ForgeriesPerPhoto = 12, int GenuinePerPhoto = 6, int MaxLongSide = 2048);
