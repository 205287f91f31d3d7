using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimLens.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the app (see
/// docs/decisions/0009). The connection strings are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClaimLensDbContext>
{
    public SqliteClaimLensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClaimLensDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClaimLensDbContext>
{
    public PostgresClaimLensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresClaimLensDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
