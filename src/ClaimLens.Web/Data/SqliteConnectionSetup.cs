using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimLens.Web.Data;

/// <summary>Per-connection SQLite settings. <c>synchronous=NORMAL</c> in WAL mode syncs at checkpoints instead of
/// at every commit: a killed process loses nothing (the WAL is in the OS's cache), a power cut may lose the last
/// commits but never corrupts the file. Every job is several small commits, and per-commit fsyncs made the queue
/// the bottleneck of analysis throughput (bench desk-load).</summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
