using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Orders;

/// <summary>The packing-media upload as a merchant's system calls it.</summary>
internal static class PackingMediaApi
{
    public static async Task<JsonElement> AddPackingMediaAsync(this HttpClient client, string orderNo, params (byte[] Bytes, string Name, string Type)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (bytes, name, type) in files)
            form.Add(DeskApi.Image(bytes, type), "files", name);
        var response = await client.PostAsync($"/api/v1/orders/{Uri.EscapeDataString(orderNo)}/packing-media", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
