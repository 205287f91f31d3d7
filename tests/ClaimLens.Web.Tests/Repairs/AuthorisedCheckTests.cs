using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Repairs.Authorised;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The public "is this an authorised service desk" check, on SQLite and PostgreSQL.</summary>
public sealed class AuthorisedCheckTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Check_AnswersByNormalisedNumberAndBrand_WithTheTenantsName(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var saved = await tenant.PutAsJsonAsync("/api/v1/repairs/authorisation", new
        {
            brands = new[] { "德施曼", "Yale" },
            phones = new[] { new { number = "400-820-1234", label = "服务热线" }, new { number = "+86 10 6512 3456", label = "东城网点" } },
        });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using var anonymous = desk.CreateClient();

        var yes = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/authorised?phone=4008201234&brand=yale");
        Assert.True(yes.GetProperty("authorised").GetBoolean());
        Assert.Equal("Merchant A", yes.GetProperty("tenant").GetString());
        var landline = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/authorised?phone=1065123456&brand=德施曼");
        Assert.True(landline.GetProperty("authorised").GetBoolean());
        var otherBrand = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/authorised?phone=400 820 1234&brand=凯迪仕");
        Assert.False(otherBrand.GetProperty("authorised").GetBoolean());
        Assert.Equal("Merchant A", otherBrand.GetProperty("tenant").GetString());
        var fake = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/authorised?phone=4008889999&brand=德施曼");
        Assert.False(fake.GetProperty("authorised").GetBoolean());
        Assert.Equal(JsonValueKind.Null, fake.GetProperty("tenant").ValueKind);

        // Tried: letters in the number, no brand.
        var bad = await anonymous.GetAsync("/api/v1/public/authorised?phone=400-CALL-NOW");
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("brand", out _));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Check_IsRateLimitedPerClient(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        // A window far longer than the test, so no reset can fall between the requests.
        var options = desk.Services.GetRequiredService<IOptions<AuthorisedCheckOptions>>().Value;
        options.PermitLimit = 3;
        options.Window = TimeSpan.FromHours(1);
        using var anonymous = desk.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            codes.Add((await anonymous.GetAsync("/api/v1/public/authorised?phone=4008201234&brand=yale")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
    }
}
