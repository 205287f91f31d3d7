namespace ClaimLens.Web.Evidence;

/// <summary>One reference frame: a JPEG, where it sits in the video, and ffmpeg's scene score for it (0..1; the
/// first frame and frames kept for a long shot without cuts score low).</summary>
public sealed record ExtractedFrame(double AtSeconds, double SceneScore, byte[] Jpeg);
