using System.Net;
using ClaimLens.Web.Tests.Claims;
using Npgsql;

namespace ClaimLens.Web.Tests.Infrastructure;

/// <summary>The database going away answers 503 with Retry-After, loses nothing, and the desk recovers by itself
/// when the database is back.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task PostgresGoesAway_RequestsGet503WithRetryAfter_AndTheDeskRecovers()
    {
        var admin = new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync());
        await using var relay = new TcpRelay(admin.Port);
        await using var desk = await DeskHost.StartAsync(DeskHost.Postgres,
            connect: c => new NpgsqlConnectionStringBuilder(c) { Port = relay.Port, Timeout = 3 }.ToString());
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, merchant);

        relay.Cut();
        var read = await merchant.GetAsync($"/api/v1/claims/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.NotNull(read.Headers.RetryAfter);
        Assert.Contains("database", (await read.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var filed = await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, TestPhotos.Unrelated(3));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, filed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await desk.CreateClient().GetAsync("/health")).StatusCode);

        relay.Open();
        Assert.Equal(HttpStatusCode.OK, (await desk.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal("analyzing", (await merchant.GetClaimAsync(id)).GetProperty("status").GetString());
        Assert.Equal(1, await desk.DrainAsync()); // the claim filed before the outage, and nothing from during it
        Assert.Equal(HttpStatusCode.Accepted, (await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, TestPhotos.Unrelated(3))).StatusCode);
    }
}
