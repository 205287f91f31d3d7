using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClaimLens.Web.Tests.Infrastructure;

/// <summary>A real PostgreSQL server for the test run: Debian's binaries, a cluster in a temporary folder, a free
/// port on 127.0.0.1. Started once per test process (first use) and stopped when the process exits. As root,
/// the server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.</summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static string? _dataDir;
    private static string? _binDir;
    private static int _databases;

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public static Task<string> AdminConnectionStringAsync() => Started.Value;

    /// <summary>The connection string <see cref="CreateDatabaseAsync"/> returned last.</summary>
    public static string? LastCreated { get; private set; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        LastCreated = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        return LastCreated;
    }

    private static async Task<string> StartAsync()
    {
        _binDir = FindBinaries();
        var root = Directory.CreateTempSubdirectory("claimlens-pg-").FullName;
        _dataDir = Path.Combine(root, "data");
        var socketDir = Path.Combine(root, "sock");
        Directory.CreateDirectory(socketDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        var port = FreePort();
        await RunPgAsync(asRoot, "initdb", ["-D", _dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]);
        await RunPgAsync(asRoot, "pg_ctl", ["-D", _dataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot);
        StartWatchdog(asRoot, root);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50";
    }

    private static void Stop(bool asRoot)
    {
        try
        {
            RunPgAsync(asRoot, "pg_ctl", ["-D", _dataDir!, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
            Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The temporary folder is left behind; nothing else depends on it.
        }
    }

    /// <summary>The test host can be killed before ProcessExit runs (a timed-out or cancelled run): a detached
    /// shell stops the server and removes its folder once this process is gone.</summary>
    private static void StartWatchdog(bool asRoot, string root)
    {
        var stop = (asRoot ? "runuser -u postgres -- " : "") + $"'{Path.Combine(_binDir!, "pg_ctl")}' -D '{_dataDir}' -m immediate stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop} >/dev/null 2>&1; rm -rf '{root}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "bash", "-c", script })
            start.ArgumentList.Add(a);
        Process.Start(start)?.Dispose();
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run scripts/setup.sh (apt-get install -y postgresql)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPgAsync(bool asRoot, string tool, string[] args)
    {
        var exe = Path.Combine(_binDir!, tool);
        return asRoot ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
