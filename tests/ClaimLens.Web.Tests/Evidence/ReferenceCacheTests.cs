using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Workers that need the same reference at once share one preparation.</summary>
public sealed class ReferenceCacheTests
{
    [Fact]
    public async Task RentAsync_ManyAtOnce_PreparesOnce_AndAllShareIt()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var store = desk.Services.GetRequiredService<MediaStore>();
        using var cache = new ReferenceCache(store);
        var sha = await store.PutAsync(TestPhotos.Listing, CancellationToken.None);

        var leases = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => cache.RentAsync(sha, "listing.jpg", CancellationToken.None))));

        Assert.Equal(1, cache.Preparations);
        Assert.All(leases, l => Assert.Same(leases[0].Reference, l.Reference));
        foreach (var lease in leases)
            lease.Dispose();
        using var again = await cache.RentAsync(sha, "listing.jpg", CancellationToken.None);
        Assert.Equal(1, cache.Preparations);
    }

    [Fact]
    public async Task RentAsync_UnreadablePicture_EveryWaiterGetsTheError_AndNothingIsCached()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var store = desk.Services.GetRequiredService<MediaStore>();
        using var cache = new ReferenceCache(store);
        // Tried: a stored file that is the first kilobyte of a JPEG (an upload cut short).
        var sha = await store.PutAsync(TestPhotos.Listing.AsMemory(0, 1024), CancellationToken.None);

        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => cache.RentAsync(sha, "cut.jpg", CancellationToken.None))).ToList();

        foreach (var attempt in attempts)
            await Assert.ThrowsAsync<ImageLoadException>(() => attempt);
        Assert.Equal(0, cache.Preparations);
        await Assert.ThrowsAsync<ImageLoadException>(() => cache.RentAsync(sha, "cut.jpg", CancellationToken.None));
    }
}
