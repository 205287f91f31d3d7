using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Customer data at rest: encrypted round trip, no plaintext in the database, key rotation.</summary>
public sealed class CustomerDataTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Protect_RoundTrips_AndReprotectMovesAValueToTheActiveKeyOnce()
    {
        var k1 = Keys("k1");
        var rotated = Make(new() { ["k1"] = k1["k1"], ["k2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, "k2");
        var value = Make(k1, "k1").Protect(RepairApi.CustomerName);
        Assert.Equal("k1", PersonalData.KeyIdOf(value));
        Assert.DoesNotContain(RepairApi.CustomerName, value, StringComparison.Ordinal);
        var moved = rotated.Reprotect(value);
        Assert.Equal("k2", PersonalData.KeyIdOf(moved));
        Assert.Equal(RepairApi.CustomerName, rotated.Unprotect(moved));
        Assert.Same(moved, rotated.Reprotect(moved));
        // Tried: a value whose key id was changed by hand, and a value cut short.
        Assert.ThrowsAny<CryptographicException>(() => rotated.Unprotect(string.Concat("v1.k2.", value.AsSpan(6))));
        Assert.ThrowsAny<CryptographicException>(() => rotated.Unprotect(value[..12]));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CustomerNamePhoneAndStreet_NeverReachTheDatabaseInPlaintext(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("师傅", [RepairApi.Town]));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/phone-reveal", new { reason = "callback" });

        // The whole number, its last eight digits (a partial match), the name and the street.
        string[] secrets = [RepairApi.Phone, RepairApi.Phone[3..], RepairApi.CustomerName, RepairApi.Street];
        if (provider == DeskHost.Sqlite)
        {
            var file = await desk.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().DataSource));
            await desk.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
            var bytes = await ReadAllAsync(file);
            Assert.True(bytes.Length > 10_000, "the database file was read");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("smart_lock")) >= 0, "plain columns are found, so the search works");
            foreach (var secret in secrets)
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"\"{secret}\" is in the database file");
        }
        else
        {
            var rows = await desk.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                """SELECT row_to_json(r)::text AS "Value" FROM "ServiceRequests" r UNION ALL SELECT row_to_json(a)::text FROM "AuditEntries" a""").ToListAsync());
            var all = string.Join('\n', rows);
            Assert.Contains("smart_lock", all, StringComparison.Ordinal);
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task KeyRotation_ReencryptsEveryValueInResumableBatches_AndTheOldKeyCanThenBeRemoved(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        for (var i = 0; i < 5; i++)
            await tenant.CreateRequestAsync(RepairApi.Request(phone: $"1381234567{i}"));
        await tenant.CreateProductAsync("LOCK-S1");
        await tenant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);

        var config = desk.Services.GetRequiredService<IConfiguration>();
        var k1 = config["ClaimLens:PersonalData:Keys:k1"]!;
        var k2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var indexKey = config["ClaimLens:PersonalData:IndexKey"]!;
        var rotating = Make(new() { ["k1"] = k1, ["k2"] = k2 }, "k2", indexKey);

        // One batch of 2 requests (6 values) and one of orders (1), as if the process stopped there; the next pass resumes.
        var first = await desk.WithDbAsync(db => KeyRotation.RunAsync(db, rotating, batchSize: 2, maxBatches: 1, CancellationToken.None));
        Assert.Equal(new KeyRotationResult(7, 0), first);
        var rest = await desk.WithDbAsync(db => KeyRotation.RunAsync(db, rotating, batchSize: 2, maxBatches: 100, CancellationToken.None));
        Assert.Equal(new KeyRotationResult(9, 0), rest);
        Assert.Equal(new KeyRotationResult(0, 0), await desk.WithDbAsync(db => KeyRotation.RunAsync(db, rotating, 2, 100, CancellationToken.None)));
        var counts = await desk.WithDbAsync(db => KeyRotation.CountByKeyAsync(db, CancellationToken.None));
        Assert.Equal(new Dictionary<string, int> { ["k2"] = 16 }, counts);

        var k2Only = Make(new() { ["k2"] = k2 }, "k2", indexKey);
        var requests = await desk.WithDbAsync(db => db.ServiceRequests.AsNoTracking().OrderBy(r => r.PhoneIndex).ToListAsync());
        Assert.All(requests, r => Assert.Equal(RepairApi.CustomerName, k2Only.Unprotect(r.NameProtected)));
        Assert.All(requests, r => Assert.Equal(RepairApi.Street, k2Only.Unprotect(r.StreetProtected)));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"1381234567{i}").Order(), requests.Select(r => k2Only.Unprotect(r.PhoneProtected)).Order());
        var order = await desk.WithDbAsync(db => db.Orders.AsNoTracking().SingleAsync());
        Assert.Equal("13800138000", k2Only.Unprotect(order.BuyerPhoneProtected));
        // The blind index does not depend on the encryption key: lookups by phone keep working through the rotation.
        Assert.Equal(requests.Select(r => r.PhoneIndex).Order(),
            Enumerable.Range(0, 5).Select(i => k2Only.BlindIndex("repair-phone", $"1381234567{i}")).Order());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task KeyRotation_CountsAValueWhoseKeyIsGone_AndLeavesItAsItIs(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateRequestAsync(RepairApi.Request());
        // Tried: rotating with a ring that lacks the key the stored values were written with.
        var stranger = Make(Keys("k9"), "k9");
        var result = await desk.WithDbAsync(db => KeyRotation.RunAsync(db, stranger, 10, 10, CancellationToken.None));
        Assert.Equal(new KeyRotationResult(0, 3), result);
        Assert.Equal(3, (await desk.WithDbAsync(db => KeyRotation.CountByKeyAsync(db, CancellationToken.None)))["k1"]);
    }

    private static Dictionary<string, string> Keys(string id) => new() { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    private static PersonalData Make(Dictionary<string, string> keys, string active, string? indexKey = null) =>
        new(Options.Create(new PersonalDataOptions { Keys = keys, ActiveKeyId = active, IndexKey = indexKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }),
            new Environment());

    private static async Task<byte[]> ReadAllAsync(string file)
    {
        // Read without locking out the desk (it still holds the file open).
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        if (File.Exists(file + "-wal"))
        {
            await using var wal = new FileStream(file + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await wal.CopyToAsync(copy);
        }
        return copy.ToArray();
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "ClaimLens.Web.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
