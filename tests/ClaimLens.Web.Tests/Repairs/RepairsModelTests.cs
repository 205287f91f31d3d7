using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

public sealed class RepairsModelTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Migrations_CoverTheModel_WithNoPendingChanges(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        Assert.False(await desk.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            $"the {provider} model has changes no migration covers: run dotnet ef migrations add");
    }
}
