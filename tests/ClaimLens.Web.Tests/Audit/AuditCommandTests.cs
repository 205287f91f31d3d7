using System.Diagnostics;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ClaimLens.Web.Tests.Audit;

/// <summary><c>dotnet ClaimLens.Web.dll audit verify</c> as an operator runs it: a real process on the desk's
/// database, no server started.</summary>
public sealed class AuditCommandTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenOneNamingTheChangedEntry(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        await merchant.SubscribeOkAsync("http://127.0.0.1:9/hook");
        var (connection, seqs) = await desk.WithDbAsync(async db =>
            (db.Database.GetConnectionString()!, await db.AuditEntries.OrderBy(a => a.Seq).Select(a => a.Seq).ToListAsync()));
        Assert.Equal(3, seqs.Count);

        var (code, stdout) = await RunAsync(provider, connection);
        Assert.Equal(0, code);
        Assert.Equal("intact: 3 entries", stdout.Trim());

        // Tried: one entry's recorded data rewritten behind the desk's back, as someone with database access could.
        var tampered = seqs[1];
        await desk.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $$"""UPDATE "AuditEntries" SET "Data" = '{"orderNo":"A-2"}' WHERE "Seq" = {{tampered}}"""));
        (code, stdout) = await RunAsync(provider, connection);
        Assert.Equal(1, code);
        Assert.StartsWith($"BROKEN at entry #{tampered}: ", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_NoDatabaseOrNoLog_ExitsTwoAndCreatesNothing()
    {
        // Tried: a path where no database exists, and an empty SQLite file that was never migrated.
        var folder = Directory.CreateTempSubdirectory("claimlens-audit-").FullName;
        var missing = Path.Combine(folder, "missing.db");
        Assert.Equal(2, (await RunAsync(DeskHost.Sqlite, $"Data Source={missing}")).Code);
        Assert.False(File.Exists(missing));

        var empty = Path.Combine(folder, "empty.db");
        await File.WriteAllBytesAsync(empty, []);
        Assert.Equal(2, (await RunAsync(DeskHost.Sqlite, $"Data Source={empty}")).Code);
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(int Code, string Stdout)> RunAsync(string provider, string connectionString)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ClaimLens.Web.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { dll, "audit", "verify", $"--ClaimLens:Database:Provider={provider}", $"--ClaimLens:Database:ConnectionString={connectionString}" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung child, not a speed check.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        output.WriteLine($"exit {process.ExitCode}\nstdout: {await stdout}\nstderr: {await stderr}");
        return (process.ExitCode, await stdout);
    }
}
