using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Evidence;

/// <summary>How reference frames are taken from packing videos (section <c>ClaimLens:VideoFrames</c>); see
/// docs/decisions/0010-packing-video-frames.md.</summary>
public sealed class VideoFrameOptions
{
    public const string Section = "ClaimLens:VideoFrames";

    /// <summary>Debian's ffmpeg (<c>scripts/setup.sh</c> installs it).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "/usr/bin/ffprobe";

    /// <summary>ffmpeg's scene score (0..1, the share of the picture that changed since the previous frame)
    /// above which a frame starts a new scene.</summary>
    [Range(0.01, 1.0)]
    public double SceneThreshold { get; set; } = 0.3;

    /// <summary>Cuts closer than this to the last kept frame are ignored (a flash or a fast pan is one scene).</summary>
    [Range(0.0, 60.0)]
    public double MinSecondsBetweenFrames { get; set; } = 0.5;

    /// <summary>A frame is also kept after this long without a cut, so a slow continuous shot still yields
    /// views of the goods as they turn; 0 keeps scene changes only.</summary>
    [Range(0.0, 3600.0)]
    public double MaxSecondsBetweenFrames { get; set; } = 15;

    /// <summary>At most this many frames from any one minute of video (the strongest cuts win).</summary>
    [Range(1, 600)]
    public int MaxFramesPerMinute { get; set; } = 12;

    /// <summary>At most this many frames from one video: every frame costs a reference comparison per claim photo.</summary>
    [Range(1, 1000)]
    public int MaxFrames { get; set; } = 60;

    /// <summary>Only this much of a video is read; the rest of a longer one yields no frames.</summary>
    [Range(1, 24 * 3600)]
    public int MaxVideoSeconds { get; set; } = 20 * 60;

    /// <summary>Frames larger than this on their long side are scaled down (claim photos are compared at
    /// working resolution anyway).</summary>
    [Range(64, 8192)]
    public int MaxFrameSide { get; set; } = 2048;

    /// <summary>Videos whose picture is wider or taller than this are refused before decoding.</summary>
    [Range(64, 16384)]
    public int MaxVideoSide { get; set; } = 8192;

    /// <summary>ffmpeg's JPEG quantiser (2 = best, 31 = worst).</summary>
    [Range(2, 31)]
    public int JpegQScale { get; set; } = 2;

    /// <summary>Each ffmpeg or ffprobe run is killed after this long. Must stay below the job lease
    /// (<see cref="JobQueue.Lease"/>), or a second worker would take the job while the first still runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:04:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>ffmpeg is killed when the frames it wrote pass this many bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxOutputBytes { get; set; } = 256L * 1024 * 1024;
}
