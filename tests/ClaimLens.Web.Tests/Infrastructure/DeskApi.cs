using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Web.Tests.Infrastructure;

/// <summary>The integration API as a merchant's system calls it.</summary>
public static class DeskApi
{
    public static async Task CreateProductAsync(this HttpClient client, string sku, byte[]? referencePhoto = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = await client.PostAsJsonAsync("/api/v1/products", new { sku, brand = "ClaimLens", name = "智能门锁 S1" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        if (referencePhoto is null)
            return;
        using var form = new MultipartFormDataContent { { Image(referencePhoto), "photos", "listing.jpg" } };
        var added = await client.PostAsync($"/api/v1/products/{sku}/reference-photos", form);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    public static async Task CreateOrderAsync(this HttpClient client, string orderNo, string sku, DateTimeOffset deliveredAt,
        string phone = "13800138000", decimal unitPrice = 899m)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-1", buyerPhone = phone, shippedAt = deliveredAt.AddDays(-2), deliveredAt,
            lines = new[] { new { sku, quantity = 1, unitPrice } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Files a claim; returns the raw response so tests can check refusals too.</summary>
    public static async Task<HttpResponseMessage> FileClaimAsync(this HttpClient client, string orderNo, string sku, decimal amount,
        params byte[][] photos)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(orderNo), "orderNo" },
            { new StringContent(sku), "sku" },
            { new StringContent("refund_only"), "type" },
            { new StringContent("收到时已破损 arrived broken"), "reason" },
            { new StringContent(amount.ToString(CultureInfo.InvariantCulture)), "amount" },
        };
        for (var i = 0; i < photos.Length; i++)
            form.Add(Image(photos[i]), "photos", $"IMG_{i + 1}.jpg");
        return await client.PostAsync("/api/v1/claims", form);
    }

    public static async Task<Guid> FileClaimOkAsync(this HttpClient client, string orderNo, string sku, decimal amount, params byte[][] photos)
    {
        var response = await client.FileClaimAsync(orderNo, sku, amount, photos);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetClaimAsync(this HttpClient client, Guid id)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync($"/api/v1/claims/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid id, string action, string? reason = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync($"/api/v1/claims/{id}/decision", new { action, reason, note });
    }

    public static async Task<HttpResponseMessage> RespondAsync(this HttpClient client, Guid id, string text)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        return await client.PostAsync($"/api/v1/claims/{id}/merchant-response", form);
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static ByteArrayContent Image(byte[] bytes, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}
