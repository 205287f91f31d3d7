using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>The durable queue: a job whose worker died is taken again once its lease lapses; running a job twice
/// changes nothing; a failing job backs off and finally fails with its reason.</summary>
public sealed class JobQueueTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task LeasedJob_WhoseWorkerDied_IsTakenAgainAfterTheLease(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, merchant);

        // A worker takes the job and dies: the lease is held, nothing else happens.
        var leased = await WithQueueAsync(desk, q => q.TryLeaseAsync("dead-worker", CancellationToken.None));
        Assert.NotNull(leased);
        Assert.Null(await WithQueueAsync(desk, q => q.TryLeaseAsync("other", CancellationToken.None)));
        Assert.Equal(0, await desk.DrainAsync());

        desk.Clock.Advance(new WorkerOptions().Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await desk.DrainAsync());
        Assert.Equal("awaiting_merchant", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
        var job = await desk.WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal(JobState.Done, job.State);
        Assert.Equal(2, job.Attempts);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AnalysisRunTwice_ChangesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, merchant);
        await desk.DrainAsync();
        var first = await merchant.GetClaimAsync(id);
        var photoId = first.GetProperty("photos")[0].GetProperty("id").GetGuid();

        // The same job again, as after a crash between the result being saved and the job being marked done.
        await desk.WithDbAsync(async db =>
        {
            var queue = new JobQueue(db, desk.Clock, Microsoft.Extensions.Options.Options.Create(new WorkerOptions()));
            queue.Enqueue(JobKind.AnalyzePhoto, photoId);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, await desk.DrainAsync());

        var second = await merchant.GetClaimAsync(id);
        Assert.Equal(first.GetProperty("status").GetString(), second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("responseDueAt").GetDateTimeOffset(), second.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("risk").GetInt32(), second.GetProperty("risk").GetInt32());
        Assert.Equal(1, await desk.WithDbAsync(db => db.Fingerprints.CountAsync()));
        // Not found as a reuse of itself.
        Assert.DoesNotContain("reused_evidence", second.GetProperty("photos")[0].GetProperty("report").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "claim.analysed")));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task UnreadablePhoto_IsRecordedForReview_NotRetriedForever(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        // A JPEG cut after 40 % of its bytes: the header passes the upload check, the decoder refuses it.
        var photo = TestPhotos.Unrelated(4);
        var id = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 10m, photo[..(photo.Length * 2 / 5)]);
        Assert.Equal(1, await desk.DrainAsync());

        var claim = await merchant.GetClaimAsync(id);
        var analysed = claim.GetProperty("photos")[0];
        Assert.Equal("unreadable", analysed.GetProperty("status").GetString());
        Assert.Contains("truncated", analysed.GetProperty("analysisError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("needs_review", claim.GetProperty("verdict").GetString());
        Assert.Equal("awaiting_merchant", claim.GetProperty("status").GetString());
        Assert.Equal(JobState.Done, (await desk.WithDbAsync(db => db.Jobs.SingleAsync())).State);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task FailingJob_BacksOff_ThenFailsWithItsReason(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, merchant);
        // The photo's file vanished from the store (a disk fault): every attempt fails.
        var sha = await desk.WithDbAsync(db => db.EvidencePhotos.Select(p => p.Sha256).SingleAsync());
        File.Delete(Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "objects"), sha, SearchOption.AllDirectories).Single());

        for (var attempt = 1; attempt <= JobQueue.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await desk.DrainAsync());
            Assert.Equal(0, await desk.DrainAsync()); // backing off
            desk.Clock.Advance(TimeSpan.FromSeconds(Math.Pow(4, attempt)));
        }
        var job = await desk.WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(JobQueue.MaxAttempts, job.Attempts);
        Assert.Contains(sha, job.Error, StringComparison.Ordinal);
        Assert.Equal("analyzing", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
    }

    private static async Task<T> WithQueueAsync<T>(DeskHost desk, Func<JobQueue, Task<T>> action)
    {
        using var scope = desk.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<JobQueue>());
    }
}
