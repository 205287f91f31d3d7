namespace ClaimLens.Forensics.Metadata;

/// <summary>How well the EXIF thumbnail matches the displayed photo, at its best alignment.</summary>
/// <param name="Similarity">Normalised cross-correlation of the two at 64 px, −1..1.</param>
/// <param name="WorstCellError">The largest mean residual of an 8×8 grid cell after a linear tone fit, in units of
/// the photo's own standard deviation: a local edit the thumbnail does not show raises it.</param>
internal readonly record struct ThumbnailMatch(double Similarity, double WorstCellError);
