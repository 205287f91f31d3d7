using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Taking a job from offer to completion through the API, and requests for one device.</summary>
public static class AfterCareApi
{
    public const string Serial = "DSM-Q5M-000123";

    public static object DeviceRequest(string faultType = "fingerprint", string? serial = Serial, string phone = RepairApi.Phone) => new
    {
        brand = "德施曼",
        productType = "smart_lock",
        model = "Q5M",
        serialNumber = serial,
        faultType,
        fault = "指纹识别失灵 / fingerprint not recognised",
        address = new { townCode = RepairApi.Town, street = RepairApi.Street },
        name = RepairApi.CustomerName,
        phone,
        channel = "agent",
        latitude = 39.914,
        longitude = 116.404,
    };

    /// <summary>Accepts the offer and moves the job to completed; returns the completed request.</summary>
    public static async Task<JsonElement> CompleteAsync(this HttpClient client, JsonElement request)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = request.GetProperty("id").GetGuid();
        var technician = request.OfferedTo() ?? throw new InvalidOperationException("the request was offered to nobody");
        Assert.Equal(HttpStatusCode.OK, (await client.AcceptAsync(id, technician)).StatusCode);
        HttpResponseMessage? last = null;
        foreach (var move in new[] { "depart", "arrive", "complete" })
        {
            if (move == "complete")
                await client.AddProofOfWorkAsync(id);
            last = await client.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/moves", new { technicianId = technician, move });
            Assert.True(last.StatusCode == HttpStatusCode.OK, await last.Content.ReadAsStringAsync());
        }
        return await last!.Content.ReadFromJsonAsync<JsonElement>();
    }
}
