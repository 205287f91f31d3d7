using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The repair API as a service tenant's systems call it, with real region codes of 北京市东城区.</summary>
public static class RepairApi
{
    /// <summary>东华门街道, 东城区, 北京市 (市辖区 1101), and a neighbouring town and county.</summary>
    public const string Town = "110101001";
    public const string OtherTownSameCounty = "110101002";
    public const string County = "110101";
    public const string City = "1101";
    public const string Province = "11";

    /// <summary>南头街道, 南山区, 深圳市: nobody in the tests covers it.</summary>
    public const string UncoveredTown = "440305001";

    public const string Phone = "13812345678";
    public const string CustomerName = "王小明";
    public const string Street = "东华门大街88号院3单元502";

    public static object Technician(string name, string[] regions, double? lat = null, double? lon = null, int capacity = 3,
        string brand = "德施曼", string productType = "smart_lock", double rating = 4.5, object[]? shifts = null) => new
        {
            name,
            skills = new[] { new { brand, productType } },
            regions,
            // The desk clock starts on Friday 2026-11-20 10:00 in Asia/Shanghai.
            shifts = shifts ?? [new { day = "fri", start = "08:00", end = "20:00" }, new { day = "sat", start = "08:00", end = "20:00" }],
            capacity,
            rating,
            latitude = lat,
            longitude = lon,
        };

    public static async Task<Guid> CreateTechnicianAsync(this HttpClient client, object technician)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/repairs/technicians", technician);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static object Request(string town = Town, string phone = Phone, double? lat = 39.9140, double? lon = 116.4040,
        string brand = "德施曼", string productType = "smart_lock") => new
        {
            brand,
            productType,
            model = "Q5M",
            fault = "指纹识别失灵 / fingerprint not recognised",
            address = new { townCode = town, street = Street },
            name = CustomerName,
            phone,
            preferredWindows = new[] { new { from = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), to = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) } },
            channel = "agent",
            latitude = lat,
            longitude = lon,
        };

    public static async Task<JsonElement> CreateRequestAsync(this HttpClient client, object request)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/repairs/requests", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetRequestAsync(this HttpClient client, Guid id)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{id}");
    }

    public static Task<HttpResponseMessage> AcceptAsync(this HttpClient client, Guid request, Guid technician)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync($"/api/v1/repairs/requests/{request}/accept", new { technicianId = technician });
    }

    public static Guid? OfferedTo(this JsonElement request) =>
        request.GetProperty("offer").ValueKind == JsonValueKind.Null ? null : request.GetProperty("offer").GetProperty("technicianId").GetGuid();
}
