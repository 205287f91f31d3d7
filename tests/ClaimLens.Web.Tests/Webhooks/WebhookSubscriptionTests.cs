using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Webhooks;

/// <summary>Subscriptions through the real API: tenant isolation, validation, deletion.</summary>
public sealed class WebhookSubscriptionTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task OtherMerchant_GetsNotFound_ForTheSubscriptionAndItsDeliveries(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var b = desk.ClientFor(desk.MerchantB.Key);
        var (id, secret) = await a.SubscribeOkAsync("http://127.0.0.1:9/hook");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Empty(await b.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks") ?? []);
        var reviewer = desk.ClientFor(desk.ReviewerKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);

        // The owner still sees it, without the secret, and B's failed delete changed nothing.
        var listed = Assert.Single(await a.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks") ?? []);
        Assert.Equal(id, listed.GetProperty("id").GetGuid());
        Assert.False(listed.TryGetProperty("secret", out _));

        // A's claim moves: A's subscription gets the event, B's does not.
        var (idOfB, _) = await b.SubscribeOkAsync("http://127.0.0.1:9/hook");
        await a.CreateProductAsync("LOCK-S1");
        await a.CreateOrderAsync("A-9", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        var claimId = await a.FileClaimOkAsync("A-9", "LOCK-S1", 899m, TestPhotos.Unrelated(4));
        await desk.WithDbAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
            ClaimStateMachine.Fire(claim, ClaimTrigger.AskMerchant, desk.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, (await a.DeliveriesAsync(id)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await b.DeliveriesAsync(idOfB)).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Delete_StopsTheSubscription_KeepsItsLog_AndASecondDeleteIsNotFound(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var (id, _) = await a.SubscribeOkAsync("http://localhost:9/hook");

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Empty(await a.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks") ?? []);
        Assert.Equal(0, (await a.DeliveriesAsync(id)).GetProperty("total").GetInt32());

        var audit = await desk.ClientFor(desk.AdminKey).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());
        Assert.Equal(2, audit.GetProperty("entriesChecked").GetInt64()); // subscribed, deleted
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Create_BadInput_IsAValidationProblemNamingEveryBadField(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);

        // Tried: no fields at all; plain http to a public host with an unknown event and an overlong description;
        // a null event name; private, link-local (cloud metadata), reserved and non-http targets; credentials in the URL.
        var missing = await (await a.SubscribeAsync(new { })).ProblemAsync();
        Assert.Equal(400, missing.GetProperty("status").GetInt32());
        Assert.Contains("url is required", missing.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);

        var response = await a.SubscribeAsync(new { url = "http://erp.example.com/hook", events = new[] { "claim.nope" }, description = new string('x', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Contains("https", errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("claim.nope", errors.GetProperty("events")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("description", out _));

        var nullEvent = await a.SubscribeAsync(new { url = "https://erp.example.com/hook", events = new string?[] { null } });
        Assert.True((await nullEvent.ProblemAsync()).GetProperty("errors").TryGetProperty("events", out _));

        foreach (var url in new[]
        {
            "https://10.0.0.5/hook", "https://192.168.1.10/hook", "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/hook", "https://0.0.0.0/hook", "ftp://erp.example.com/hook", "not a url",
            "https://user:pass@erp.example.com/hook",
        })
        {
            var refused = await a.SubscribeAsync(new { url });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{url} was accepted");
            Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("url", out _), url);
        }
        Assert.Empty(await a.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks") ?? []);
    }
}
