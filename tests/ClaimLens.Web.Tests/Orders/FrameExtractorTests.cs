using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Orders;

/// <summary>The ffmpeg step alone, on videos made in the test: where the frames fall, the caps, and every way a video
/// can fail (unreadable, too slow, too much output, no ffmpeg).</summary>
public sealed class FrameExtractorTests
{
    [Fact]
    public async Task ExtractAsync_CutEveryHalfSecond_KeepsNoMoreThanThePerMinuteCap()
    {
        // Ten scenes of 0.5 s: nine real cuts, more than the four a minute allowed.
        using var video = new VideoFile(Scenes(10, 0.5));
        var extractor = Extractor(o => o.MaxFramesPerMinute = 4);

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(4, result.Frames.Count);
        Assert.Equal(0, result.Frames[0].AtSeconds);
        foreach (var frame in result.Frames.Skip(1))
        {
            Assert.True(frame.SceneScore > 0.3, $"frame at {frame.AtSeconds} s has scene score {frame.SceneScore}");
            Assert.True(IsCut(frame.AtSeconds, 0.5), $"frame at {frame.AtSeconds} s is not at a cut");
        }
        Assert.Equal(5.0, result.DurationSeconds!.Value, 1);
    }

    [Fact]
    public async Task ExtractAsync_OneLongShot_TakesAFrameEveryMaxSecondsBetweenFrames()
    {
        using var video = new VideoFile(Scenes(1, 7));
        var extractor = Extractor(o => o.MaxSecondsBetweenFrames = 2);

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal([0, 2, 4, 6], result.Frames.Select(f => Math.Round(f.AtSeconds, 1)));
    }

    [Fact]
    public async Task ExtractAsync_Frames_AreJpegsScaledToTheMaxFrameSide()
    {
        using var video = new VideoFile(Scenes(2, 1));
        var extractor = Extractor(o => o.MaxFrameSide = 320);

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Equal(2, result.Frames.Count);
        using var first = Cv2.ImDecode(result.Frames[0].Jpeg, ImreadModes.Color);
        Assert.Equal((320, 240), (first.Width, first.Height));
        Assert.Equal([0xFF, 0xD8], result.Frames[0].Jpeg[..2]);
    }

    [Fact]
    public async Task ExtractAsync_FtypBoxThenRandomBytes_IsUnreadableWithFfmpegsReason()
    {
        using var video = new VideoFile(TestVideos.FtypThenGarbage());

        var result = await Extractor().ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Empty(result.Frames);
        Assert.StartsWith("ffmpeg cannot read the video", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(video.Path, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_VideoCutOffBeforeItsIndex_IsUnreadable()
    {
        // Without faststart the index (moov) is written last: an upload cut short loses it.
        var whole = Scenes(3, 1, fastStart: false);
        using var video = new VideoFile(whole[..(whole.Length / 2)]);

        var result = await Extractor().ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Empty(result.Frames);
        Assert.Contains("moov atom not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_VideoCutOffAfterItsIndex_GivesTheFramesBeforeTheCut()
    {
        var whole = Scenes(3, 2);
        using var video = new VideoFile(whole[..(whole.Length / 2)]);

        var result = await Extractor().ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.NotEmpty(result.Frames);
        Assert.True(result.Frames.Count < 3, $"{result.Frames.Count} frames from half a video of three scenes");
    }

    [Fact]
    public async Task ExtractAsync_TimeLimitPassed_StopsTheToolAndSaysSo()
    {
        using var video = new VideoFile(Scenes(2, 1));
        var extractor = Extractor(o => o.Timeout = TimeSpan.FromMilliseconds(1));

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Empty(result.Frames);
        Assert.Contains("was stopped: it took longer than 0.001 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_OutputLimitPassed_StopsAndSaysSo()
    {
        using var video = new VideoFile(Scenes(3, 1));
        var extractor = Extractor(o => o.MaxOutputBytes = 1000);

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Empty(result.Frames);
        Assert.Contains("its frames passed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PictureLargerThanAllowed_IsRefusedBeforeDecoding()
    {
        using var video = new VideoFile(Scenes(1, 1));
        var extractor = Extractor(o => o.MaxVideoSide = 320);

        var result = await extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None);

        Assert.Equal("the video's picture (640 x 480) is larger than 320 pixels on a side", result.Error);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("image/jpeg")]
    [InlineData("")]
    public async Task ExtractAsync_NotAVideoContainer_IsRefusedWithoutRunningFfmpeg(string contentType)
    {
        var extractor = Extractor(o => o.FfprobePath = o.FfmpegPath = "/nonexistent/ffmpeg");

        var result = await extractor.ExtractAsync("/nonexistent/video", contentType, CancellationToken.None);

        Assert.Contains("is not a video container the desk reads", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_FfmpegNotInstalled_ThrowsWithTheSetupHint()
    {
        using var video = new VideoFile(TestVideos.FtypThenGarbage());
        var extractor = Extractor(o => o.FfprobePath = o.FfmpegPath = "/nonexistent/ffmpeg");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => extractor.ExtractAsync(video.Path, "video/mp4", CancellationToken.None));

        Assert.Contains("scripts/setup.sh", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ManyCandidatesOverTwoMinutes_KeepsFirstAndStrongestPerMinuteThenOverall()
    {
        FrameCandidate C(double at, double score) => new(at, score, $"f{at}");
        FrameCandidate[] candidates =
        [
            C(0, 0), C(10, 0.9), C(20, 0.4), C(30, 0.8), C(50, 0.5),
            C(61, 0.35), C(70, 0.95), C(80, 0.6), C(90, 0.7),
        ];

        var perMinute = FrameExtractor.Choose(candidates, perMinute: 3, max: 100);
        var capped = FrameExtractor.Choose(candidates, perMinute: 3, max: 4);

        Assert.Equal([0, 10, 30, 70, 80, 90], perMinute.Select(c => c.AtSeconds));
        Assert.Equal([0, 10, 30, 70], capped.Select(c => c.AtSeconds));
        Assert.Equal([0], FrameExtractor.Choose(candidates, perMinute: 1, max: 100).Where(c => c.AtSeconds < 60).Select(c => c.AtSeconds));
        Assert.Empty(FrameExtractor.Choose([], 3, 3));
    }

    [Fact]
    public void IsWholeJpeg_FrameCutOffWhileWritten_IsNotWhole()
    {
        // Tried: a whole JPEG, the same cut short (as when ffmpeg is stopped mid-frame), an empty file, no file.
        var whole = TestPhotos.Unrelated(9);
        using var complete = new VideoFile(whole);
        using var cut = new VideoFile(whole[..(whole.Length / 2)]);
        using var empty = new VideoFile([]);

        Assert.True(FrameExtractor.IsWholeJpeg(complete.Path));
        Assert.False(FrameExtractor.IsWholeJpeg(cut.Path));
        Assert.False(FrameExtractor.IsWholeJpeg(empty.Path));
        Assert.False(FrameExtractor.IsWholeJpeg(complete.Path + ".missing"));
    }

    internal static FrameExtractor Extractor(Action<VideoFrameOptions>? configure = null)
    {
        var options = new VideoFrameOptions();
        configure?.Invoke(options);
        return new FrameExtractor(Options.Create(options));
    }

    private static byte[] Scenes(int count, double secondsEach, bool fastStart = true)
    {
        var scenes = Enumerable.Range(0, count).Select(i => TestVideos.Scene(100 + i)).ToList();
        try
        {
            return TestVideos.Scenes(scenes, secondsEach, fastStart: fastStart);
        }
        finally
        {
            scenes.ForEach(s => s.Dispose());
        }
    }

    private static bool IsCut(double at, double sceneSeconds) =>
        Math.Abs(at / sceneSeconds - Math.Round(at / sceneSeconds)) * sceneSeconds < 0.051;

    private sealed class VideoFile : IDisposable
    {
        public VideoFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"claimlens-test-{Guid.NewGuid():N}.bin");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
