using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Audit;

/// <summary>The chain is linked in the order the database numbers the entries, whatever order EF inserts them in.</summary>
public sealed class AuditChainOrderTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task SaveChanges_ContextAlreadyTrackingEntries_ManyEntriesInOneSave_ChainIntact(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        using (var scope = desk.Services.CreateScope())
        {
            // Tried: one long-lived context (as the demo seeding uses) that keeps earlier entries tracked, then saves
            // several entries at once, twice over.
            var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            db.Append(time, "test", "first", "test", 1, null);
            await db.SaveChangesAsync();
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < 6; i++)
                    db.Append(time, "test", $"round{round}.entry{i}", "test", i, null, new { round, i });
                await db.SaveChangesAsync();
            }
        }

        var verification = await desk.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.Intact, $"broken at {verification.FirstBrokenSeq}: {verification.Problem}");
        Assert.Equal(13, verification.EntriesChecked);
    }
}
