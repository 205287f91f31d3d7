namespace ClaimLens.Forensics.Metadata;

/// <summary>A free-text metadata value and where it came from (e.g. <c>png:parameters</c>, <c>exif:UserComment</c>).</summary>
/// <param name="Source">Container: <c>png</c>, <c>exif</c> or <c>xmp</c>.</param>
/// <param name="Key">The chunk keyword, tag name or XMP path.</param>
/// <param name="Text">The decoded text, cut to <see cref="MetadataFacts.MaxText"/> characters.</param>
internal sealed record TextField(string Source, string Key, string Text);
