using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Evidence;

public sealed class ConcurrentIntakeTests
{
    /// <summary>Buyers sending the same picture at the same moment race to insert its media row; the losers keep
    /// their claim and photo (a bug once dropped the photos of the losing claims).</summary>
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task SamePhotoFiledConcurrently_EveryClaimKeepsItsPhoto(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        var photo = TestPhotos.Unrelated(77);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => merchant.FileClaimOkAsync("A-1", "LOCK-S1", 10m, photo)));

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(8, await desk.WithDbAsync(db => db.EvidencePhotos.CountAsync()));
        Assert.Equal(8, await desk.WithDbAsync(db => db.Jobs.CountAsync()));
        Assert.Equal(1, await desk.WithDbAsync(db => db.MediaBlobs.CountAsync()));
        foreach (var id in ids)
            Assert.Single((await merchant.GetClaimAsync(id)).GetProperty("photos").EnumerateArray());
    }
}
