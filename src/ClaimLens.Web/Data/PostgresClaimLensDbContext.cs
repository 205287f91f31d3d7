using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Data;

/// <summary>The production database, shared by several desk processes.</summary>
public sealed class PostgresClaimLensDbContext(DbContextOptions<PostgresClaimLensDbContext> options) : ClaimLensDbContext(options)
{
    // Arbitrary, fixed: the advisory lock key that serialises audit appends across processes.
    private const long AuditLockKey = 0x436c_4175_6469_7401;

    protected override Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", cancellationToken);
}
