using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Data;

public static class DataExtensions
{
    /// <summary>Registers <see cref="ClaimLensDbContext"/> for the configured provider.</summary>
    public static IHostApplicationBuilder AddClaimLensData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == "Postgres")
        {
            builder.Services.AddDbContext<ClaimLensDbContext, PostgresClaimLensDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (!Path.IsPathRooted(connection.DataSource) && connection.DataSource != ":memory:")
            {
                connection.DataSource = Path.GetFullPath(connection.DataSource, builder.Environment.ContentRootPath);
                Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);
            }
            // Several workers write; wait for the lock instead of failing at once.
            connection.DefaultTimeout = 30;
            builder.Services.AddDbContext<ClaimLensDbContext, SqliteClaimLensDbContext>(o =>
                o.UseSqlite(connection.ToString()).AddInterceptors(new SqliteConnectionSetup()));
            builder.Services.AddHostedService<SqliteMaintenance>();
        }
        return builder;
    }

    /// <summary>Applies pending migrations unless <see cref="DatabaseOptions.Migrate"/> is off (and turns on SQLite's write-ahead log, so readers never wait for writers).</summary>
    public static async Task MigrateClaimLensDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Migrate)
            return;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
