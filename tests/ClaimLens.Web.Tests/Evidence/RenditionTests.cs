using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Evidence.Renditions;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Orders;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Display sizes, tiles and media URLs: right sizes, upright, cached, authorised by record.</summary>
public sealed class RenditionTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ThumbAndView_ExifRotatedJpeg_AreUprightSizedAndServedFromCache(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var (photoId, sha) = await FileClaimAsync(desk, merchant, RenditionPictures.RotatedJpeg());

        foreach (var (kind, width, height) in new[] { ("thumb", 160, 320), ("view", 800, 1600) })
        {
            var response = await merchant.GetAsync($"/media/photos/{photoId}/{kind}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("private, max-age=31536000, immutable", response.Headers.NonValidated["Cache-Control"].ToString());
            using var image = RenditionPictures.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((width, height), (image.Width, image.Height));
            // Stored landscape with "rotate 90 clockwise": upright the stored left (red) half is on top.
            Assert.True(RenditionPictures.IsMostly(image, width / 2, height / 8, 2), $"{kind}: the top is not red; the picture is not upright");
            Assert.True(RenditionPictures.IsMostly(image, width / 2, height * 7 / 8, 0), $"{kind}: the bottom is not blue");
        }

        var path = desk.Services.GetRequiredService<MediaRenditions>().PathOf(sha, Rendition.View);
        Assert.True(File.Exists(path));
        var written = File.GetLastWriteTimeUtc(path);
        var first = await merchant.GetAsync($"/media/photos/{photoId}/view");
        var second = await merchant.GetAsync($"/media/photos/{photoId}/view");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(await File.ReadAllBytesAsync(path), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        var etag = second.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Contains(sha, etag.Tag, StringComparison.Ordinal);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/media/photos/{photoId}/view");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await merchant.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        // The thumbnail's tag is another: asking for it with the view's tag gets the picture.
        using var other = new HttpRequestMessage(HttpMethod.Get, $"/media/photos/{photoId}/thumb");
        other.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await merchant.SendAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/media/photos/{photoId}/original")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Tiles_CoverTheUprightImageExactly_EdgeTilesSmaller(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var (photoId, _) = await FileClaimAsync(desk, merchant, RenditionPictures.RotatedJpeg());

        var layout = await merchant.GetFromJsonAsync<JsonElement>($"/media/photos/{photoId}/tiles.json");
        Assert.Equal(1200, layout.GetProperty("width").GetInt32());
        Assert.Equal(2400, layout.GetProperty("height").GetInt32());
        Assert.Equal(512, layout.GetProperty("tileSize").GetInt32());
        Assert.Equal(4, layout.GetProperty("levels").GetInt32()); // 2400 -> 1200 -> 600 -> 300 fits one tile

        using (var whole = await TileAsync(merchant, photoId, 0, 0, 0))
            Assert.Equal((150, 300), (whole.Width, whole.Height));
        long area = 0;
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                using var tile = await TileAsync(merchant, photoId, 3, x, y);
                Assert.Equal((x == 2 ? 1200 - 1024 : 512, y == 4 ? 2400 - 2048 : 512), (tile.Width, tile.Height));
                area += (long)tile.Width * tile.Height;
                Assert.True(RenditionPictures.IsMostly(tile, tile.Width / 2, tile.Height / 2, y < 2 ? 2 : 0),
                    $"tile {x},{y} is not where the picture puts it");
            }
        }
        Assert.Equal(1200L * 2400, area);
        // Outside the pyramid: a column too far, a level too deep, a negative index.
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/media/photos/{photoId}/tiles/3/3/0.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/media/photos/{photoId}/tiles/4/0/0.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/media/photos/{photoId}/tiles/0/-1/0.jpg")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Media_OfAnotherMerchant_Is404_EvenForTheSameBytes(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var b = desk.ClientFor(desk.MerchantB.Key);
        var (photoId, _) = await FileClaimAsync(desk, a, TestPhotos.Unrelated(3));
        await a.AddPackingMediaAsync("A-1", (TestPhotos.Unrelated(4), "packing.jpg", "image/jpeg"));
        // Merchant B holds the very same listing bytes (one stored file, two records).
        await b.CreateProductAsync("LOCK-B", TestPhotos.Listing);
        var (referenceA, referenceB, packing) = await desk.WithDbAsync(async db => (
            await db.ReferencePhotos.Where(r => db.Products.Any(p => p.Id == r.ProductId && p.MerchantId == desk.MerchantA.MerchantId)).Select(r => r.Id).SingleAsync(),
            await db.ReferencePhotos.Where(r => db.Products.Any(p => p.Id == r.ProductId && p.MerchantId == desk.MerchantB.MerchantId)).Select(r => r.Id).SingleAsync(),
            await db.PackingMedia.Select(m => m.Id).SingleAsync()));
        var (video, frame) = await AddVideoWithFrameAsync(desk, packing);

        string[] merchantAUrls =
        [
            $"/media/photos/{photoId}/thumb", $"/media/photos/{photoId}/tiles.json", $"/media/photos/{photoId}/tiles/0/0/0.jpg",
            $"/media/references/{referenceA}/thumb", $"/media/packing/{packing}/view", $"/media/packing/{video}/thumb", $"/media/frames/{frame}/thumb",
        ];
        var reviewer = desk.ClientFor(desk.ReviewerKey);
        foreach (var url in merchantAUrls)
        {
            Assert.True((await a.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"merchant A: {url}");
            Assert.True((await reviewer.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"reviewer: {url}");
            var refused = await b.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"merchant B got {refused.StatusCode} for {url}");
        }
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/media/references/{referenceB}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/media/references/{referenceB}/thumb")).StatusCode);
        // A packing photo is not a video frame; nothing is served without a key.
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/media/frames/{packing}/thumb")).StatusCode);
        using var anonymous = desk.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/media/photos/{photoId}/thumb")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CorruptBlob_GivesAClearProblem_AndCachesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var photo = TestPhotos.Unrelated(5);
        var (photoId, sha) = await FileClaimAsync(desk, merchant, photo);
        // The stored file rots after upload: cut to its first 4 KB (no end-of-image marker).
        var stored = desk.Services.GetRequiredService<MediaStore>().LocalPath(sha);
        await File.WriteAllBytesAsync(stored, photo[..4096]);

        foreach (var url in new[] { $"/media/photos/{photoId}/view", $"/media/photos/{photoId}/tiles.json" })
        {
            var response = await merchant.GetAsync(url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Contains("truncated", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(problem.TryGetProperty("exception", out _));
        }
        var renditions = desk.Services.GetRequiredService<MediaRenditions>();
        Assert.False(Directory.Exists(Path.GetDirectoryName(renditions.PathOf(sha, Rendition.View))));

        // A decompression bomb (a PNG declaring 50,000 x 50,000) is refused from its header, not decoded.
        var bomb = await desk.Services.GetRequiredService<MediaStore>().PutAsync(TestPhotos.PngDeclaring(50_000, 50_000), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<DeskProblemException>(() => renditions.GetAsync(bomb, Rendition.Thumb, CancellationToken.None));
        Assert.Equal(422, refused.StatusCode);
        Assert.Contains("50000 x 50000", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(renditions.PathOf(bomb, Rendition.Thumb))));
    }

    [Fact]
    public async Task GetAndTile_ManyConcurrentRequests_DecodeOnceAndLeaveNoTemporaryFiles()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var renditions = desk.Services.GetRequiredService<MediaRenditions>();
        var sha = await desk.Services.GetRequiredService<MediaStore>().PutAsync(TestPhotos.Unrelated(6), CancellationToken.None);
        var before = renditions.DecodeCount;

        var views = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => renditions.GetAsync(sha, Rendition.View, CancellationToken.None))));
        Assert.Single(views.Distinct());
        Assert.Equal(1, renditions.DecodeCount - before);
        // 1200 x 900: the last level is 3 x 2 tiles, all asked for at once (twice each): one decode for the level.
        var tiles = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => renditions.TileAsync(sha, 2, i % 3, i / 3 % 2, CancellationToken.None))));
        Assert.Equal(6, tiles.Distinct().Count());
        Assert.All(tiles, t => Assert.True(File.Exists(t)));
        Assert.Equal(2, renditions.DecodeCount - before);
        var folder = Path.GetDirectoryName(views[0])!;
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Renditions_OfASmallPng_AreNeverEnlarged_AndItsTilesCoverIt()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var renditions = desk.Services.GetRequiredService<MediaRenditions>();
        using var picture = new Mat(700, 1300, MatType.CV_8UC3, new Scalar(0, 0, 255));
        Cv2.ImEncode(".png", picture, out var png);
        var sha = await desk.Services.GetRequiredService<MediaStore>().PutAsync(png, CancellationToken.None);

        using (var view = Cv2.ImRead(await renditions.GetAsync(sha, Rendition.View, CancellationToken.None)))
            Assert.Equal((1300, 700), (view.Width, view.Height));
        using (var thumb = Cv2.ImRead(await renditions.GetAsync(sha, Rendition.Thumb, CancellationToken.None)))
            Assert.Equal((320, 172), (thumb.Width, thumb.Height));
        var layout = await renditions.LayoutAsync(sha, CancellationToken.None);
        Assert.Equal(new TileLayout(1300, 700, 512, 3), layout);
        long area = 0;
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                using var tile = Cv2.ImRead(await renditions.TileAsync(sha, 2, x, y, CancellationToken.None) ?? throw new InvalidOperationException($"no tile {x},{y}"));
                area += (long)tile.Width * tile.Height;
            }
        }
        Assert.Equal(1300L * 700, area);
        Assert.Null(await renditions.TileAsync(sha, 2, 3, 0, CancellationToken.None));
    }

    internal static async Task<(Guid PhotoId, string Sha256)> FileClaimAsync(DeskHost desk, HttpClient merchant, byte[] photo)
    {
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var claimId = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 899m, photo);
        var stored = await desk.WithDbAsync(db => db.EvidencePhotos.SingleAsync(p => p.ClaimId == claimId));
        return (stored.Id, stored.Sha256);
    }

    private static async Task<Mat> TileAsync(HttpClient client, Guid photoId, int level, int x, int y)
    {
        var response = await client.GetAsync($"/media/photos/{photoId}/tiles/{level}/{x}/{y}.jpg");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"tile {level}/{x}/{y}: {response.StatusCode}");
        Assert.Equal(new MediaTypeHeaderValue("image/jpeg"), response.Content.Headers.ContentType);
        return RenditionPictures.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    // A packing video and one frame taken from it, as the frame job records them (no ffmpeg needed here): the
    // video row reuses the packing photo's blob, the frame the listing photo's.
    private static async Task<(Guid Video, Guid Frame)> AddVideoWithFrameAsync(DeskHost desk, Guid packingPhotoId)
    {
        return await desk.WithDbAsync(async db =>
        {
            var photo = await db.PackingMedia.SingleAsync(m => m.Id == packingPhotoId);
            var listing = await db.ReferencePhotos.OrderBy(r => r.Id).Select(r => r.Sha256).FirstAsync();
            var now = desk.Clock.GetUtcNow();
            var video = new PackingMedia
            {
                Id = Guid.CreateVersion7(now), OrderId = photo.OrderId, Kind = PackingMediaKind.Video, Sha256 = photo.Sha256,
                FileName = "packing.mp4", ProcessedAt = now, CreatedAt = now,
            };
            var frame = new PackingMedia
            {
                Id = Guid.CreateVersion7(now), OrderId = photo.OrderId, Kind = PackingMediaKind.VideoFrame, Sha256 = listing,
                FileName = "packing.mp4#t=1", SourceMediaId = video.Id, AtSeconds = 1, CreatedAt = now,
            };
            db.PackingMedia.AddRange(video, frame);
            await db.SaveChangesAsync();
            return (video.Id, frame.Id);
        });
    }
}
