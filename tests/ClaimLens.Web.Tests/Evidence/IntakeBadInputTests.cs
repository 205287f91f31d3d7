using System.Net;
using System.Text;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Bad claim uploads get a problem answer that names the field, and leave nothing behind: no claim, no
/// photo row, no job, no file in the media store, no staged upload.</summary>
public sealed class IntakeBadInputTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { DeskHost.Sqlite, DeskHost.Postgres })
            foreach (var c in new[] { "ten-photos", "26mb-photo", "html-named-jpg", "png-declaring-50000x50000", "heic", "unknown-order", "unknown-sku", "missing-fields", "empty-photo", "amount-above-line" })
                data.Add(provider, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadClaim_IsRefusedNamingTheField_AndNothingIsKept(string provider, string @case)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var before = StoredFiles(desk);

        var (response, field) = @case switch
        {
            "ten-photos" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, Enumerable.Repeat(TestPhotos.Unrelated(1), 10).ToArray()), "photos"),
            "26mb-photo" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, PaddedJpeg(26 * 1024 * 1024)), "photos[0]"),
            "html-named-jpg" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, Encoding.UTF8.GetBytes("<!doctype html><html><body>not a photo</body></html>")), "photos[0]"),
            "png-declaring-50000x50000" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, TestPhotos.PngDeclaring(50_000, 50_000)), "photos[0]"),
            "heic" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, [0, 0, 0, 24, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0, .. "mif1heic"u8.ToArray()]), "photos[0]"),
            "unknown-order" => (await merchant.FileClaimAsync("NO-SUCH-ORDER", "LOCK-S1", 10m, TestPhotos.Unrelated(1)), "orderNo"),
            "unknown-sku" => (await merchant.FileClaimAsync("A-1", "NO-SUCH-SKU", 10m, TestPhotos.Unrelated(1)), "sku"),
            "missing-fields" => (await merchant.PostAsync("/api/v1/claims", new MultipartFormDataContent { { new StringContent("A-1"), "orderNo" } }), "reason"),
            "empty-photo" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, Array.Empty<byte>()), "photos[0]"),
            "amount-above-line" => (await merchant.FileClaimAsync("A-1", "LOCK-S1", 5000m, TestPhotos.Unrelated(1)), "amount"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@case}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await AssertNothingKeptAsync(desk, before);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task TruncatedMultipartBody_IsRefused_AndNothingIsKept(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var before = StoredFiles(desk);

        // A well-formed start, the photo's bytes cut in the middle, and no closing boundary: what a dropped upload sends.
        const string boundary = "----cut";
        var photo = TestPhotos.Unrelated(1);
        var head = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"orderNo\"\r\n\r\nA-1\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        var body = new ByteArrayContent([.. head, .. photo.AsSpan(0, photo.Length / 2)]);
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        var response = await merchant.PostAsync("/api/v1/claims", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains("cut off", problem.GetProperty("errors").EnumerateObject().First().Value[0].GetString(), StringComparison.Ordinal);
        await AssertNothingKeptAsync(desk, before);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task SamePhotoTwice_IsStoredOnce(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var photo = TestPhotos.Unrelated(9);
        await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 10m, photo, photo);
        await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 10m, photo);
        Assert.Single(StoredFiles(desk));
        Assert.Equal(1, await desk.WithDbAsync(db => db.MediaBlobs.CountAsync()));
        Assert.Equal(3, await desk.WithDbAsync(db => db.EvidencePhotos.CountAsync()));
    }

    private static async Task AssertNothingKeptAsync(DeskHost desk, HashSet<string> filesBefore)
    {
        Assert.Equal(0, await desk.WithDbAsync(db => db.Claims.CountAsync()));
        Assert.Equal(0, await desk.WithDbAsync(db => db.EvidencePhotos.CountAsync()));
        Assert.Equal(0, await desk.WithDbAsync(db => db.Jobs.CountAsync()));
        Assert.Equal(filesBefore, StoredFiles(desk));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "staging")));
    }

    private static HashSet<string> StoredFiles(DeskHost desk) =>
        Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "objects"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToHashSet();

    private static byte[] PaddedJpeg(int size)
    {
        var jpeg = TestPhotos.Unrelated(3);
        var padded = new byte[size];
        jpeg.CopyTo(padded, 0);
        return padded;
    }
}
