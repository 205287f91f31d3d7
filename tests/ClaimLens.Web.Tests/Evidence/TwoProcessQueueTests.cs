using ClaimLens.Web.Audit;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Two desk processes on one PostgreSQL share the queue; one is killed in the middle of its work. Every
/// job is done exactly once in effect and none is lost.</summary>
public sealed class TwoProcessQueueTests
{
    private const int Claims = 16;

    [Fact]
    public async Task TwoProcesses_OneKilledMidway_EveryClaimAnalysedAndRoutedOnce()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Postgres);
        var seeding = desk.ClientFor(desk.MerchantA.Key);
        await seeding.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await seeding.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));

        var settings = new Dictionary<string, string>
        {
            ["ClaimLens:Database:Provider"] = "Postgres",
            ["ClaimLens:Database:ConnectionString"] = desk.ConnectionString,
            ["ClaimLens:Media:Root"] = desk.MediaRoot,
            ["ClaimLens:Workers:Count"] = "2",
            ["ClaimLens:Workers:Lease"] = "00:00:20",
            ["ClaimLens:Workers:PollInterval"] = "00:00:00.200",
            ["ClaimLens:PersonalData:Keys:k1"] = desk.DataKey,
            ["ClaimLens:PersonalData:ActiveKeyId"] = "k1",
            ["ClaimLens:PersonalData:IndexKey"] = desk.IndexKey,
        };
        await using var first = await DeskProcess.StartAsync(settings);
        await using var second = await DeskProcess.StartAsync(settings);
        using var toFirst = first.ClientFor(desk.MerchantA.Key);
        using var toSecond = second.ClientFor(desk.MerchantA.Key);

        // Claims filed through both processes at once; half of them forged from the listing photo.
        var filing = Enumerable.Range(0, Claims).Select(i => (i % 2 == 0 ? toFirst : toSecond)
            .FileClaimOkAsync("A-1", "LOCK-S1", 20m, i % 2 == 0 ? TestPhotos.Forged : TestPhotos.Unrelated(100 + i)));
        var ids = await Task.WhenAll(filing);

        // Kill the first process while it is analysing.
        await WaitUntilAsync(desk, db => db.EvidencePhotos.CountAsync(p => p.AnalyzedAt != null), n => n >= 3);
        first.Kill();

        await WaitUntilAsync(desk, async db => await db.Claims.CountAsync(c => c.Status == ClaimStatus.Analyzing)
            + await db.Jobs.CountAsync(j => j.State == JobState.Queued || j.State == JobState.Running), n => n == 0, TimeSpan.FromMinutes(4));

        await desk.WithDbAsync(async db =>
        {
            Assert.Equal(Claims, ids.Distinct().Count());
            Assert.All(await db.Jobs.ToListAsync(), j => Assert.Equal(JobState.Done, j.State));
            Assert.Equal(Claims, await db.EvidencePhotos.CountAsync(p => p.AnalyzedAt != null && p.ReportJson != null));
            Assert.Equal(Claims, await db.Fingerprints.CountAsync());
            // Each claim routed exactly once: one routing entry per claim in the audit log.
            var routed = await db.AuditEntries.Where(a => a.Action == "claim.analysed" || a.Action == "claim.auto_approved")
                .GroupBy(a => a.SubjectId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Claims, routed.Count);
            Assert.All(routed, n => Assert.Equal(1, n));
            // Forged claims were all caught, whichever process analysed them.
            Assert.Equal(Claims / 2, await db.Claims.CountAsync(c => c.Verdict == "likely_manipulated"));
            // Both processes appended to one audit chain at the same time; it is intact.
            var chain = await AuditChain.VerifyAsync(db, CancellationToken.None);
            Assert.True(chain.Intact, chain.Problem);
            return 0;
        });
    }

    private static async Task WaitUntilAsync(DeskHost desk, Func<ClaimLens.Web.Data.ClaimLensDbContext, Task<int>> read,
        Func<int, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var value = await desk.WithDbAsync(db => read(db));
            if (done(value))
                return;
            if (DateTime.UtcNow >= deadline)
            {
                var jobs = await desk.WithDbAsync(db => db.Jobs.AsNoTracking().ToListAsync());
                var stuck = await desk.WithDbAsync(db => db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.Analyzing)
                    .Select(c => new { c.Id, c.Version, Photos = c.Photos.Select(p => p.AnalyzedAt.HasValue + "/" + p.Verdict).ToList() }).ToListAsync());
                var actions = await desk.WithDbAsync(db => db.AuditEntries.AsNoTracking().GroupBy(a => a.Action).Select(g => g.Key + "=" + g.Count()).ToListAsync());
                Assert.Fail("stuck: " + string.Join("; ", stuck.Select(c => $"{c.Id} v{c.Version} [{string.Join(",", c.Photos)}]")) + " audit: " + string.Join(",", actions));
                Assert.Fail($"gave up waiting; last value {value}; jobs: " + string.Join("; ", jobs.GroupBy(j => (j.State, j.Attempts, j.Error))
                    .Select(g => $"{g.Count()} x {g.Key.State} after {g.Key.Attempts} attempts {g.Key.Error}")));
            }
            await Task.Delay(250);
        }
    }
}
