using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Repair photos go through the forensics engine like claim photos, against the same deployment-wide reuse index.</summary>
public sealed class RepairPhotoTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AfterPhoto_UsedBeforeInAClaimOrAnotherJob_IsFlaggedReusedEvidence(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var shop = desk.ClientFor(desk.MerchantB.Key);
        await shop.CreateProductAsync("LOCK-S1");
        await shop.CreateOrderAsync("B-1", "LOCK-S1", Delivered);
        var claim = await shop.FileClaimOkAsync("B-1", "LOCK-S1", 10m, TestPhotos.Unrelated(21));
        await desk.DrainAsync();

        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        using var me = await desk.TechnicianClientAsync(tenant, tech);
        var first = await StartJobAsync(tenant, me, "13700001111");
        var second = await StartJobAsync(tenant, me, "13700002222");
        Assert.Equal(HttpStatusCode.Accepted, (await me.UploadPhotoAsync(first, "before", TestPhotos.Unrelated(22))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await me.UploadPhotoAsync(first, "after", TestPhotos.Unrelated(21))).StatusCode);
        Assert.True(await desk.DrainAsync() >= 2);
        // The first job's before photo comes back as the second job's after photo.
        Assert.Equal(HttpStatusCode.Accepted, (await me.UploadPhotoAsync(second, "after", TestPhotos.Unrelated(22))).StatusCode);
        await desk.DrainAsync();

        var firstPhotos = await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{first}/photos");
        var fromClaim = firstPhotos.EnumerateArray().Single(p => p.GetProperty("stage").GetString() == "after");
        Assert.NotEqual(JsonValueKind.Null, fromClaim.GetProperty("analyzedAt").ValueKind);
        Assert.NotEqual("no_manipulation_found", fromClaim.GetProperty("verdict").GetString());
        Assert.Contains($"claim {claim:D}", await ReuseSourcesAsync(desk, fromClaim.GetProperty("id").GetGuid()), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(fromClaim.GetProperty("topFindingZh").GetString()));
        var before = firstPhotos.EnumerateArray().Single(p => p.GetProperty("stage").GetString() == "before");
        Assert.Equal("", await ReuseSourcesAsync(desk, before.GetProperty("id").GetGuid()));

        var secondPhoto = (await me.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{second}/photos"))[0];
        Assert.Contains($"repair request {first:D}", await ReuseSourcesAsync(desk, secondPhoto.GetProperty("id").GetGuid()), StringComparison.Ordinal);

        // Running a job again writes one fingerprint per photo, not two.
        Assert.Equal(4, await desk.WithDbAsync(db => db.Fingerprints.CountAsync()));

        // Display sizes for the tenant and the technician; absent for another tenant.
        var thumb = await me.GetAsync($"/media/repair-photos/{secondPhoto.GetProperty("id").GetGuid()}/thumb");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await tenant.GetAsync($"/media/repair-photos/{before.GetProperty("id").GetGuid()}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.GetAsync($"/media/repair-photos/{before.GetProperty("id").GetGuid()}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.GetAsync($"/media/repair-photos/{before.GetProperty("id").GetGuid()}/original")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CorruptPhoto_IsRefusedNamingTheField_AndNothingIsStored(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        using var me = await desk.TechnicianClientAsync(tenant, tech);
        var id = await StartJobAsync(tenant, me, RepairApi.Phone);
        var files = StoredFiles(desk);
        var jobs = await desk.WithDbAsync(db => db.Jobs.CountAsync());

        // Tried: a JPEG whose Huffman tables are broken, an HTML page named .jpg, an empty file, an unknown stage.
        foreach (var (bytes, stage, field) in new[]
        {
            (TechnicianApi.CorruptJpeg(), "after", "photos[0]"),
            (Encoding.UTF8.GetBytes("<!doctype html><p>not a photo"), "after", "photos[0]"),
            (Array.Empty<byte>(), "before", "photos[0]"),
            (TestPhotos.Unrelated(3), "during", "stage"),
        })
        {
            var response = await me.UploadPhotoAsync(id, stage, bytes);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.ProblemAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal(0, await desk.WithDbAsync(db => db.RepairPhotos.CountAsync()));
        Assert.Equal(jobs, await desk.WithDbAsync(db => db.Jobs.CountAsync()));
        Assert.Equal(files, StoredFiles(desk));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "staging")));
    }

    private static async Task<Guid> StartJobAsync(HttpClient tenant, HttpClient technician, string phone)
    {
        var id = (await tenant.CreateRequestAsync(RepairApi.Request(phone: phone))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await technician.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await technician.MoveAsync(id, "depart")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await technician.MoveAsync(id, "arrive")).StatusCode);
        return id;
    }

    /// <summary>The sources named by the photo's <c>reused_evidence</c> findings, joined; empty when there is none.</summary>
    private static async Task<string> ReuseSourcesAsync(DeskHost desk, Guid photoId)
    {
        var json = await desk.WithDbAsync(db => db.RepairPhotos.Where(p => p.Id == photoId).Select(p => p.ReportJson).SingleAsync());
        Assert.NotNull(json);
        using var report = JsonDocument.Parse(json);
        return string.Join(" | ", report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("code").GetString() == "reused_evidence")
            .Select(f => f.GetProperty("details").ToString()));
    }

    private static HashSet<string> StoredFiles(DeskHost desk) =>
        Directory.Exists(Path.Combine(desk.MediaRoot, "objects"))
            ? Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "objects"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToHashSet()
            : [];
}
