using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.DevSet;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Orders;

/// <summary>Packing videos through the real API on SQLite and PostgreSQL: uploaded, turned into reference frames by
/// the queue, shown on the order, and used to catch a claim photo forged from one of their frames.</summary>
public sealed class PackingVideoTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PackingVideo_FourScenes_BecomesOneFrameAtEachCut(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = await OrderAsync(desk, "V-1");
        var video = FourScenes();

        var uploaded = await merchant.AddPackingMediaAsync("V-1", (video, "packing.mp4", "video/mp4"));
        Assert.Equal("processing", uploaded.GetProperty("packingMedia")[0].GetProperty("status").GetString());
        Assert.Equal(1, await desk.DrainAsync());

        var media = (await merchant.GetFromJsonAsync<JsonElement>("/api/v1/orders/V-1")).GetProperty("packingMedia").EnumerateArray().ToList();
        var source = media[0];
        Assert.Equal(("video", "done"), (source.GetProperty("kind").GetString(), source.GetProperty("status").GetString()));
        var frames = media.Skip(1).ToList();
        Assert.All(frames, f => Assert.Equal("video_frame", f.GetProperty("kind").GetString()));
        Assert.All(frames, f => Assert.Equal(source.GetProperty("id").GetGuid(), f.GetProperty("sourceMediaId").GetGuid()));
        var times = frames.Select(f => f.GetProperty("atSeconds").GetDouble()).ToList();
        Assert.Equal(4, times.Count);
        for (var i = 0; i < 4; i++)
            Assert.True(Math.Abs(times[i] - 2 * i) < 0.051, $"frame {i} at {times[i]} s, the cut is at {2 * i} s");
        Assert.Equal("packing.mp4#t=2", frames[1].GetProperty("fileName").GetString());
        Assert.Equal(4, frames.Select(f => f.GetProperty("sha256").GetString()).Distinct().Count());

        var (blobs, audit) = await desk.WithDbAsync(async db =>
        {
            var shas = frames.Select(f => f.GetProperty("sha256").GetString()).ToList();
            return (await db.MediaBlobs.CountAsync(b => shas.Contains(b.Sha256) && b.ContentType == "image/jpeg"),
                await db.AuditEntries.Where(a => a.Action == "order.video_frames_extracted").Select(a => a.Data).SingleAsync());
        });
        Assert.Equal(4, blobs);
        Assert.Equal(4, JsonDocument.Parse(audit).RootElement.GetProperty("frames").GetInt32());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ExtractFramesJob_RunAgain_AddsNoDuplicateFrames(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = await OrderAsync(desk, "V-2");
        await merchant.AddPackingMediaAsync("V-2", (FourScenes(), "packing.mp4", "video/mp4"));
        await desk.DrainAsync();
        var first = await FrameIdsAsync(merchant, "V-2");
        var videoId = await desk.WithDbAsync(db => db.PackingMedia.Where(m => m.SourceMediaId == null).Select(m => m.Id).SingleAsync());

        // A second job for the same video, as a lapsed lease would give; then one whose run died after saving the
        // frames but, as if, before marking the video done.
        await EnqueueAsync(desk, videoId);
        Assert.Equal(1, await desk.DrainAsync());
        await desk.WithDbAsync(db => db.PackingMedia.Where(m => m.Id == videoId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null)));
        await EnqueueAsync(desk, videoId);
        Assert.Equal(1, await desk.DrainAsync());

        Assert.Equal(first, await FrameIdsAsync(merchant, "V-2"));
        Assert.Equal(4, first.Count);
        var (extracted, failedJobs) = await desk.WithDbAsync(async db => (
            await db.AuditEntries.CountAsync(a => a.Action == "order.video_frames_extracted"),
            await db.Jobs.CountAsync(j => j.State != JobState.Done || j.Error != null)));
        Assert.Equal((1, 0), (extracted, failedJobs));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CorruptVideo_FtypBoxThenGarbage_IsMarkedUnreadable_JobCompletes_OtherMediaUnharmed(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = await OrderAsync(desk, "V-3");
        var good = TwoScenes();

        await merchant.AddPackingMediaAsync("V-3",
            (TestPhotos.Unrelated(4), "desk.jpg", "image/jpeg"), (TestVideos.FtypThenGarbage(), "broken.mp4", "video/mp4"), (good, "packing.mp4", "video/mp4"));
        Assert.Equal(2, await desk.DrainAsync());

        var media = (await merchant.GetFromJsonAsync<JsonElement>("/api/v1/orders/V-3")).GetProperty("packingMedia").EnumerateArray().ToList();
        var broken = media.Single(m => m.GetProperty("fileName").GetString() == "broken.mp4");
        Assert.Equal("unreadable", broken.GetProperty("status").GetString());
        Assert.StartsWith("ffmpeg cannot read the video", broken.GetProperty("processingError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(media, m => m.TryGetProperty("sourceMediaId", out var s) && s.ValueKind == JsonValueKind.String
            && s.GetGuid() == broken.GetProperty("id").GetGuid());
        Assert.Equal(2, media.Count(m => m.GetProperty("kind").GetString() == "video_frame"));
        Assert.Single(media, m => m.GetProperty("kind").GetString() == "photo");

        var (jobs, unreadable) = await desk.WithDbAsync(async db => (
            await db.Jobs.Where(j => j.Kind == JobKind.ExtractFrames).Select(j => new { j.State, j.Error, j.Attempts }).ToListAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == "order.video_unreadable")));
        Assert.All(jobs, j => Assert.Equal((JobState.Done, null, 1), (j.State, j.Error, j.Attempts)));
        Assert.Equal(1, unreadable);
        var audit = await desk.ClientFor(desk.AdminKey).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ClaimPhotoForgedFromAVideoFrame_IsFoundDerivedFromThatFrame(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = await OrderAsync(desk, "V-4"); // the product has no listing photo: only the video can match
        byte[] video;
        using (var box = TestVideos.Scene(31, 1280, 720))
        using (var product = TestVideos.Product(1280, 720))
        using (var tape = TestVideos.Scene(32, 1280, 720))
            video = TestVideos.Scenes([box, product, tape], 2);
        await merchant.AddPackingMediaAsync("V-4", (video, "packing.mp4", "video/mp4"));
        await desk.DrainAsync();
        var frame = (await merchant.GetFromJsonAsync<JsonElement>("/api/v1/orders/V-4")).GetProperty("packingMedia").EnumerateArray()
            .Single(m => m.GetProperty("kind").GetString() == "video_frame" && Math.Abs(m.GetProperty("atSeconds").GetDouble() - 2) < 0.051);

        // The buyer takes the frame showing the product and paints a crack on it.
        var frameBytes = await desk.Services.GetRequiredService<MediaStore>().ReadAllAsync(frame.GetProperty("sha256").GetString()!, CancellationToken.None);
        using var still = Cv2.ImDecode(frameBytes, ImreadModes.Color);
        var (forged, mask) = Forgery.Apply(still, ForgeryKind.Crack, new Random(7), 0.03);
        byte[] claimPhoto;
        using (forged)
        using (mask)
            claimPhoto = TestPhotos.Encode(forged, 85);
        var id = await merchant.FileClaimOkAsync("V-4", "LOCK-S1", 899m, claimPhoto);
        await desk.DrainAsync();

        var claim = await merchant.GetClaimAsync(id);
        Assert.Equal("likely_manipulated", claim.GetProperty("verdict").GetString());
        var derived = claim.GetProperty("photos")[0].GetProperty("report").GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "derived_from_reference");
        Assert.Equal("video:packing.mp4#t=2", derived.GetProperty("details").GetProperty("reference").GetString());
    }

    private static async Task<HttpClient> OrderAsync(DeskHost desk, string orderNo)
    {
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync(orderNo, "LOCK-S1", Delivered);
        return merchant;
    }

    private static byte[] FourScenes() => SceneVideo(4);

    private static byte[] TwoScenes() => SceneVideo(2);

    private static byte[] SceneVideo(int count)
    {
        var scenes = Enumerable.Range(0, count).Select(i => TestVideos.Scene(200 + i)).ToList();
        try
        {
            return TestVideos.Scenes(scenes, 2);
        }
        finally
        {
            scenes.ForEach(s => s.Dispose());
        }
    }

    private static async Task<List<Guid>> FrameIdsAsync(HttpClient merchant, string orderNo) =>
        (await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderNo}")).GetProperty("packingMedia").EnumerateArray()
            .Where(m => m.GetProperty("kind").GetString() == "video_frame").Select(m => m.GetProperty("id").GetGuid()).ToList();

    private static Task<int> EnqueueAsync(DeskHost desk, Guid videoId) => desk.WithDbAsync(db =>
    {
        new JobQueue(db, desk.Clock, Microsoft.Extensions.Options.Options.Create(new WorkerOptions())).Enqueue(JobKind.ExtractFrames, videoId);
        return db.SaveChangesAsync();
    });
}
