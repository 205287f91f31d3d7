using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Data;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Model_HasNoChangesMissingFromTheMigrations(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        Assert.False(await desk.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            $"the {provider} model has changes with no migration: run dotnet ef migrations add (see docs/decisions/0009)");
        Assert.Empty(await desk.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
