using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Evidence;

/// <summary>Takes reference frames from a packing video with Debian's ffmpeg: the first frame, every frame where
/// the scene changes, and one after each long stretch without a change; at most
/// <see cref="VideoFrameOptions.MaxFramesPerMinute"/> per minute of video (the strongest changes win) and
/// <see cref="VideoFrameOptions.MaxFrames"/> in all, each a JPEG. The video is read as the container its first bytes
/// say (never as its name says), from local files only, within a time and an output limit; see
/// docs/decisions/0010-packing-video-frames.md.</summary>
public sealed partial class FrameExtractor(IOptions<VideoFrameOptions> options)
{
    private const string FramesLog = "frames.txt";
    private const string FramePattern = "frame-%05d.jpg";
    private const long MaxFramesLogBytes = 1024 * 1024;

    /// <summary>Extracts frames from the video at <paramref name="videoPath"/>, whose container is given by
    /// <paramref name="contentType"/> (as <see cref="VideoSniffer.ContentType"/> named it). A video ffmpeg cannot
    /// read, or one that breaks a limit, comes back with <see cref="FrameExtraction.Error"/> set.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg or ffprobe is not installed.</exception>
    public async Task<FrameExtraction> ExtractAsync(string videoPath, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoPath);
        var o = options.Value;
        var demuxer = DemuxerFor(contentType);
        if (demuxer is null)
            return FrameExtraction.Failed($"\"{contentType}\" is not a video container the desk reads (MP4, MOV, WebM, Matroska)");
        // One time limit for both tools, so a job never outlives its lease.
        var deadline = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("claimlens-frames-");
        try
        {
            var probe = await ProbeAsync(videoPath, demuxer, work.FullName, o.Timeout, cancellationToken);
            if (probe.Error is not null)
                return FrameExtraction.Failed(probe.Error);
            if (probe.Width > o.MaxVideoSide || probe.Height > o.MaxVideoSide)
                return FrameExtraction.Failed($"the video's picture ({probe.Width} x {probe.Height}) is larger than {o.MaxVideoSide} pixels on a side");

            var maxCandidates = o.MaxFrames * 4;
            string? OverLimit() => OutputBytes(work) > o.MaxOutputBytes ? $"its frames passed {o.MaxOutputBytes / (1024 * 1024.0):0.###} MB" : null;
            var run = await ToolProcess.RunAsync(o.FfmpegPath, FfmpegArguments(videoPath, demuxer, maxCandidates, o), work.FullName,
                Remaining(o.Timeout, deadline), OverLimit, cancellationToken);
            // The watchdog looks a few times a second; a run that ended between two looks is measured here. A run
            // stopped by the clock keeps the frames it finished: a long video on a busy machine still gives its start.
            if (!run.TimedOut && (run.StoppedBecause ?? OverLimit()) is { } reason)
                return FrameExtraction.Failed($"ffmpeg was stopped: {reason}");
            var candidates = ReadCandidates(work, probe.StartSeconds);
            if (run.TimedOut && candidates.Count == 0)
                return FrameExtraction.Failed($"ffmpeg was stopped: {run.StoppedBecause}");
            if (candidates.Count == 0)
            {
                return FrameExtraction.Failed(run.ExitCode != 0
                    ? $"ffmpeg could not decode the video: {Clean(run.ErrorTail, videoPath)}"
                    : "ffmpeg found no picture in the video");
            }
            var frames = new List<ExtractedFrame>();
            foreach (var c in Choose(candidates, o.MaxFramesPerMinute, o.MaxFrames))
                frames.Add(new ExtractedFrame(c.AtSeconds, c.Score, await File.ReadAllBytesAsync(c.Path, cancellationToken)));
            var truncated = run.TimedOut || candidates.Count >= maxCandidates || probe.DurationSeconds > o.MaxVideoSeconds;
            return new FrameExtraction(frames, probe.DurationSeconds, truncated, null);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a frame still open; the temp folder is cleaned by the OS
            }
        }
    }

    /// <summary>The frames to keep: the first always; then per minute of video the candidates with the highest
    /// scene scores, up to <paramref name="perMinute"/>; then the highest overall up to <paramref name="max"/>.</summary>
    internal static IReadOnlyList<FrameCandidate> Choose(IReadOnlyList<FrameCandidate> candidates, int perMinute, int max)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            return [];
        var first = candidates.MinBy(c => c.AtSeconds)!;
        var firstMinute = MinuteOf(first);
        return candidates.Where(c => c != first)
            .GroupBy(MinuteOf)
            .SelectMany(g => g.OrderByDescending(c => c.Score).ThenBy(c => c.AtSeconds).Take(g.Key == firstMinute ? perMinute - 1 : perMinute))
            .OrderByDescending(c => c.Score).ThenBy(c => c.AtSeconds)
            .Take(max - 1)
            .Append(first)
            .OrderBy(c => c.AtSeconds)
            .ToList();
    }

    internal static string? DemuxerFor(string contentType) => contentType switch
    {
        "video/mp4" or "video/quicktime" => "mov",
        "video/webm" or "video/x-matroska" => "matroska",
        _ => null,
    };

    private async Task<VideoProbe> ProbeAsync(string videoPath, string demuxer, string work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var o = options.Value;
        string[] arguments =
        [
            "-v", "error", "-protocol_whitelist", "file", "-f", demuxer, "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height:format=start_time,duration", "-of", "json", "-i", videoPath,
        ];
        var run = await ToolProcess.RunAsync(o.FfprobePath, arguments, work, timeout, null, cancellationToken);
        if (run.StoppedBecause is { } reason)
            return VideoProbe.Failed($"ffprobe was stopped: {reason}");
        if (run.ExitCode != 0)
            return VideoProbe.Failed($"ffmpeg cannot read the video: {Clean(run.ErrorTail, videoPath)}");
        return VideoProbe.Parse(run.Output);
    }

    private static List<string> FfmpegArguments(string videoPath, string demuxer, int maxCandidates, VideoFrameOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        // Kept: frame 0; a cut (scene score over the threshold) at least MinSeconds after the last kept frame; any
        // frame MaxSeconds after it. Single quotes keep the commas inside the filter graph's own syntax.
        var select = string.Create(inv, $"eq(n,0)+gt(scene,{o.SceneThreshold})*gte(t-prev_selected_t,{o.MinSecondsBetweenFrames})");
        if (o.MaxSecondsBetweenFrames > 0)
            select += string.Create(inv, $"+gte(t-prev_selected_t,{o.MaxSecondsBetweenFrames})");
        var side = o.MaxFrameSide.ToString(inv);
        var filter = $"select='{select}',metadata=mode=print:file={FramesLog},"
            + $"scale=w='min(iw,{side})':h='min(ih,{side})':force_original_aspect_ratio=decrease";
        return
        [
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-max_alloc", "536870912",
            "-protocol_whitelist", "file", "-f", demuxer, "-t", o.MaxVideoSeconds.ToString(inv), "-i", videoPath,
            "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", filter, "-fps_mode", "vfr",
            "-frames:v", maxCandidates.ToString(inv), "-q:v", o.JpegQScale.ToString(inv), "-f", "image2", FramePattern,
        ];
    }

    /// <summary>Reads the metadata filter's log, one record per kept frame, in output order:
    /// <c>frame:N pts:P pts_time:T</c> then <c>lavfi.scene_score=S</c>. Frame N is file <c>frame-(N+1).jpg</c>.</summary>
    private static List<FrameCandidate> ReadCandidates(DirectoryInfo work, double startSeconds)
    {
        var log = new FileInfo(Path.Combine(work.FullName, FramesLog));
        var candidates = new List<FrameCandidate>();
        if (!log.Exists || log.Length > MaxFramesLogBytes)
            return candidates;
        foreach (var line in File.ReadLines(log.FullName))
        {
            if (line.StartsWith("frame:", StringComparison.Ordinal) && PtsTime().Match(line) is { Success: true } m
                && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t))
            {
                var path = Path.Combine(work.FullName, string.Create(CultureInfo.InvariantCulture, $"frame-{candidates.Count + 1:D5}.jpg"));
                candidates.Add(new FrameCandidate(Math.Round(Math.Max(0, t - startSeconds), 3), 0, path));
            }
            else if (line.StartsWith("lavfi.scene_score=", StringComparison.Ordinal) && candidates.Count > 0
                && double.TryParse(line.AsSpan("lavfi.scene_score=".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s))
            {
                candidates[^1] = candidates[^1] with { Score = s };
            }
        }
        return candidates.Where(c => IsWholeJpeg(c.Path)).ToList();
    }

    /// <summary>A frame ffmpeg finished: starts with SOI (FF D8) and ends with EOI (FF D9); the one it was writing
    /// when it was stopped does not.</summary>
    internal static bool IsWholeJpeg(string path)
    {
        if (!File.Exists(path))
            return false;
        using var file = File.OpenRead(path);
        if (file.Length < 4)
            return false;
        Span<byte> head = stackalloc byte[2];
        Span<byte> tail = stackalloc byte[2];
        file.ReadExactly(head);
        file.Seek(-2, SeekOrigin.End);
        file.ReadExactly(tail);
        return head[0] == 0xFF && head[1] == 0xD8 && tail[0] == 0xFF && tail[1] == 0xD9;
    }

    private static long OutputBytes(DirectoryInfo work)
    {
        try
        {
            return work.EnumerateFiles().Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0; // a file vanished while listed; the next tick counts again
        }
    }

    /// <summary>ffmpeg's last complaints as one line for the merchant, without our paths or its internal addresses.</summary>
    private static string Clean(string errorTail, string videoPath)
    {
        var lines = errorTail.Replace(videoPath, "video", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => ContextPrefix().Replace(l, ""))
            .Where(l => l.Length > 0).Distinct().TakeLast(3);
        var text = string.Join("; ", lines);
        if (text.Length == 0)
            return "no reason given";
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private static TimeSpan Remaining(TimeSpan timeout, Stopwatch elapsed) =>
        timeout > elapsed.Elapsed ? timeout - elapsed.Elapsed : TimeSpan.FromMilliseconds(1);

    private static int MinuteOf(FrameCandidate c) => (int)Math.Floor(c.AtSeconds / 60);

    [GeneratedRegex(@"pts_time:(\S+)")]
    private static partial Regex PtsTime();

    [GeneratedRegex(@"^\[[^\]]*@ 0x[0-9a-f]+\]\s*")]
    private static partial Regex ContextPrefix();
}
