using System.Net.Http.Headers;
using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClaimLens.Web.Tests.Infrastructure;

/// <summary>The real desk (<c>Program</c>) on a fresh database of the given provider, a temporary media folder and
/// a fake clock, with two merchants and their keys, a deployment reviewer and an admin. Background workers are off
/// unless asked for: tests run the queue with <see cref="DrainAsync"/> so they know when analysis is done.</summary>
public sealed class DeskHost : WebApplicationFactory<Program>
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly string _root = Directory.CreateTempSubdirectory("claimlens-desk-").FullName;
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly int _workers;

    private DeskHost(string provider, string connectionString, int workers)
    {
        _provider = provider;
        _connectionString = connectionString;
        _workers = workers;
    }

    public static TheoryData<string> Providers => new() { Sqlite, Postgres };

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public string MediaRoot => Path.Combine(_root, "media");

    /// <summary>The personal-data keys this desk was configured with, for a second process on the same data.</summary>
    public string DataKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string IndexKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ConnectionString => _connectionString;

    public TenantKeys MerchantA { get; private set; } = null!;

    public TenantKeys MerchantB { get; private set; } = null!;

    public string ReviewerKey { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    /// <summary>Starts a desk on a new database of <paramref name="provider"/>; <paramref name="connect"/> may
    /// rewrite the PostgreSQL connection string (to go through a <see cref="TcpRelay"/>, say).</summary>
    public static async Task<DeskHost> StartAsync(string provider, int workers = 0, Func<string, string>? connect = null)
    {
        var connection = provider == Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : null;
        if (connection is not null && connect is not null)
            connection = connect(connection);
        var host = new DeskHost(provider, connection ?? "", workers);
        await host.SeedAsync();
        return host;
    }

    public HttpClient ClientFor(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Runs queued jobs until none is left; returns how many ran.</summary>
    public Task<int> DrainAsync() => JobWorker.DrainAsync(Services, CancellationToken.None);

    public async Task<T> WithDbAsync<T>(Func<ClaimLensDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClaimLensDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = _provider == Postgres ? _connectionString : $"Data Source={Path.Combine(_root, "desk.db")}";
        builder.UseSetting("ClaimLens:Database:Provider", _provider);
        builder.UseSetting("ClaimLens:Database:ConnectionString", connection);
        builder.UseSetting("ClaimLens:Media:Root", MediaRoot);
        builder.UseSetting("ClaimLens:Workers:Count", _workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ClaimLens:PersonalData:Keys:k1", DataKey);
        builder.UseSetting("ClaimLens:PersonalData:ActiveKeyId", "k1");
        builder.UseSetting("ClaimLens:PersonalData:IndexKey", IndexKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a stopping worker; the temp folder is cleaned by the OS.
            }
        }
    }

    private async Task SeedAsync()
    {
        _ = Services; // builds the host, which migrates the database
        await WithDbAsync(async db =>
        {
            var now = Clock.GetUtcNow();
            string Key(Role role, Guid? merchant)
            {
                var key = ApiKeyAuthentication.NewKey();
                db.ApiKeys.Add(new ApiKey
                {
                    Id = Guid.NewGuid(), MerchantId = merchant, Role = role, Name = $"test {role}", Prefix = key[..12],
                    SecretHash = ApiKeyAuthentication.Hash(key), CreatedAt = now,
                });
                return key;
            }
            var a = new Merchant { Id = Guid.NewGuid(), Name = "Merchant A", CreatedAt = now };
            var b = new Merchant { Id = Guid.NewGuid(), Name = "Merchant B", CreatedAt = now };
            db.Merchants.AddRange(a, b);
            MerchantA = new TenantKeys(a.Id, Key(Role.Merchant, a.Id));
            MerchantB = new TenantKeys(b.Id, Key(Role.Merchant, b.Id));
            ReviewerKey = Key(Role.Reviewer, null);
            AdminKey = Key(Role.Admin, null);
            return await db.SaveChangesAsync();
        });
    }
}

public sealed record TenantKeys(Guid MerchantId, string Key);
