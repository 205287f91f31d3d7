using System.Security.Cryptography;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>The analysis jobs read photos into pooled buffers: the bytes must be the object's, exactly, however large
/// the buffer the pool hands out.</summary>
public sealed class MediaStoreRentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100_003)] // pools hand out power-of-two buffers: the rest of this one is not the object's
    [InlineData(3_000_017)]
    public async Task RentAllAsync_StoredObject_GivesItsBytesAndNoMore(int length)
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var store = desk.Services.GetRequiredService<MediaStore>();
        var bytes = RandomNumberGenerator.GetBytes(length);
        var sha = await store.PutAsync(bytes, CancellationToken.None);

        var rented = await store.RentAllAsync(sha, CancellationToken.None);

        Assert.Equal(length, rented.Length);
        Assert.True(rented.Span.SequenceEqual(bytes));
        rented.Dispose();
        Assert.Throws<ObjectDisposedException>(() => rented.Span.Length);
    }

    [Fact]
    public async Task RentAllAsync_MissingObject_ThrowsAnIOError()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var store = desk.Services.GetRequiredService<MediaStore>();

        await Assert.ThrowsAnyAsync<IOException>(() => store.RentAllAsync(new string('a', 64), CancellationToken.None));
    }
}
