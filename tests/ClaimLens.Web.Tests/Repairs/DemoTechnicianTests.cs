using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The demo's technician: signs in as tech@demo, holds one open request offered without a deadline, and
/// leaves the audit chain intact.</summary>
public sealed class DemoTechnicianTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Ensure_AddsTheTechnicianLoginAndAnOfferedRequest_AndKeepsTheAuditChain(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var keys = new Dictionary<string, string>();
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
            Assert.True(await DemoTechnician.EnsureAsync(scope.ServiceProvider, db, desk.MerchantA.MerchantId, keys));
        }
        Assert.True(keys.ContainsKey(DemoTechnician.UserName));
        var offer = await desk.WithDbAsync(db => db.DispatchOffers.AsNoTracking().SingleAsync());
        Assert.Null(offer.ExpiresAt);
        var verification = await desk.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        var chain = await desk.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq)
            .Select(a => a.Seq + " " + a.Action + " " + a.PrevHash.Substring(0, 6) + " " + a.Hash.Substring(0, 6)).ToListAsync());
        Assert.True(verification.Intact, $"{verification.FirstBrokenSeq}: {verification.Problem}\n{string.Join("\n", chain)}");
    }
}
