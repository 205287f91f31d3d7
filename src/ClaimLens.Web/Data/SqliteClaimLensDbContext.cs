using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClaimLens.Web.Data;

/// <summary>The embedded default. SQLite serialises writers itself; the audit chain needs only a process gate,
/// and one SQLite file is served by one process.</summary>
public sealed class SqliteClaimLensDbContext(DbContextOptions<SqliteClaimLensDbContext> options) : ClaimLensDbContext(options)
{
    private static readonly SemaphoreSlim AuditGate = new(1, 1);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset or decimal values stored as text; store instants as Unix
        // milliseconds (the desk writes UTC only) and money as text compared in memory.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override async ValueTask<IDisposable?> EnterAuditGateAsync(CancellationToken cancellationToken)
    {
        await AuditGate.WaitAsync(cancellationToken);
        return new Releaser();
    }

    private sealed class Releaser : IDisposable
    {
        public void Dispose() => AuditGate.Release();
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
