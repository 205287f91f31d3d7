using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>The demo merchant as a repair service tenant (its API key): technicians, authorised brands, requests.</summary>
public sealed class DemoRepairApi(DeskSite site) : IDisposable
{
    /// <summary>东华门街道, 东城区, 北京市.</summary>
    public const string Town = "110101001";

    /// <summary>南头街道, 深圳市南山区: no demo technician covers it, so its requests wait for a dispatcher.</summary>
    public const string UncoveredTown = "440305001";

    private readonly HttpClient _client = new()
    {
        BaseAddress = site.Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", site.Demo["merchant"]) },
    };

    /// <summary>A mobile number no other test uses.</summary>
    public static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>A technician of the given brand covering 东城区, on shift all day every day.</summary>
    public async Task<Guid> TechnicianAsync(string name, string brand)
    {
        var shifts = new[] { "sun", "mon", "tue", "wed", "thu", "fri", "sat" }.Select(day => new { day, start = "00:00", end = "23:59" }).ToArray();
        var response = await _client.PostAsJsonAsync("/api/v1/repairs/technicians", new
        {
            name, skills = new[] { new { brand, productType = "smart_lock" } }, regions = new[] { "110101" }, shifts, capacity = 50, rating = 4.8,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public async Task AuthoriseAsync(string brand, string number)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/repairs/authorisation",
            new { brands = new[] { brand }, phones = new[] { new { number, label = "服务热线" } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Files a request through the API; returns its id.</summary>
    public async Task<Guid> RequestAsync(string town, string brand, string phone)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/repairs/requests", new
        {
            brand, productType = "smart_lock", model = "Q5M", fault = "门锁电机不转", address = new { townCode = town, street = "南头街道深南大道 1 号" },
            name = "李女士", phone, channel = "partner",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Gives a technician a sign-in through the tenant's API; returns the user name and the one-time password.</summary>
    public async Task<(string UserName, string Password)> TechnicianLoginAsync(Guid technician)
    {
        var response = await _client.PostAsJsonAsync($"/api/v1/repairs/technicians/{technician}/login", new { });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var login = JsonDocument.Parse(body).RootElement;
        return (login.GetProperty("userName").GetString()!, login.GetProperty("password").GetString()!);
    }

    /// <summary>Adds a part to the tenant's catalogue.</summary>
    public async Task PartAsync(string code, string name, string brand, long priceFen)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/repairs/parts", new { code, name, brands = new[] { brand }, priceFen });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The number customers and agents see for a request.</summary>
    public static string Number(Guid id) => "R" + id.ToString("N")[^8..].ToUpperInvariant();

    public void Dispose() => _client.Dispose();
}
