namespace ClaimLens.Web.Evidence;

/// <summary>What <see cref="FrameExtractor"/> made of a video: the frames, or why there are none.</summary>
/// <param name="Frames">In time order; empty when <paramref name="Error"/> is set.</param>
/// <param name="DurationSeconds">The container's duration, when it states one.</param>
/// <param name="Truncated">Frames may be missing from the end: the video is longer than is read, or had more
/// cuts than are looked at.</param>
/// <param name="Error">Why the video yields no frames, in a sentence for the merchant.</param>
public sealed record FrameExtraction(IReadOnlyList<ExtractedFrame> Frames, double? DurationSeconds, bool Truncated, string? Error)
{
    public static FrameExtraction Failed(string error) => new([], null, false, error);
}
