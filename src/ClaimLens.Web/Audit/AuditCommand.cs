using System.Globalization;
using ClaimLens.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Audit;

/// <summary><c>ClaimLens.Web audit verify</c>: walks the audit chain of the configured database (same
/// configuration as the server: appsettings, environment, <c>--ClaimLens:Database:...</c> arguments) without
/// starting the server or migrating anything. Exit 0: intact; 1: broken (the first broken entry is named);
/// 2: the log could not be read.</summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Error = 2;

    public static async Task<int> RunAsync(WebApplicationBuilder builder, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        output ??= Console.Out;
        // The answer is the only output; the host's log lines would drown it.
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>();
            // Opening a missing SQLite file would create an empty database; a check must change nothing.
            if (db.Database.IsSqlite() && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { } file
                && file != ":memory:" && !File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"cannot read the audit log: there is no database at {file}");
                return Error;
            }
            var result = await AuditChain.VerifyAsync(db, cancellationToken);
            if (result.Intact)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"intact: {result.EntriesChecked} entries"));
                return Intact;
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"BROKEN at entry #{result.FirstBrokenSeq}: {result.Problem}"));
            return Broken;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"cannot read the audit log: {e.Message}");
            return Error;
        }
    }
}
