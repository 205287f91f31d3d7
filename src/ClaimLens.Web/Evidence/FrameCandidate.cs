namespace ClaimLens.Web.Evidence;

/// <summary>A frame ffmpeg wrote, before the per-minute cap chose among them.</summary>
internal sealed record FrameCandidate(double AtSeconds, double Score, string Path);
