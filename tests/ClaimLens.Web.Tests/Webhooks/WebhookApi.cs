using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Web.Tests.Webhooks;

/// <summary>The webhook endpoints as a merchant's system calls them.</summary>
public static class WebhookApi
{
    public static Task<HttpResponseMessage> SubscribeAsync(this HttpClient client, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync("/api/v1/webhooks", body);
    }

    /// <summary>Subscribes <paramref name="url"/>; returns the id and the secret shown once.</summary>
    public static async Task<(Guid Id, string Secret)> SubscribeOkAsync(this HttpClient client, string url)
    {
        var response = await client.SubscribeAsync(new { url, events = new[] { "claim.status_changed" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> DeliveriesAsync(this HttpClient client, Guid subscription)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync($"/api/v1/webhooks/{subscription}/deliveries");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
