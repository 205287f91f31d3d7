using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>The demo tenant taking jobs to completion through the API, and the follow-up each completion makes.</summary>
public sealed class DemoAfterCareApi(DeskSite site) : IDisposable
{
    private readonly HttpClient _client = new()
    {
        BaseAddress = site.Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", site.Demo["merchant"]) },
    };

    /// <summary>A brand no other test uses, so this test's technician is the only one offered its jobs.</summary>
    public static string NewBrand(string prefix) => prefix + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts as <paramref name="technician"/> and makes the moves (e.g. depart, arrive, complete).</summary>
    public async Task MoveAsync(Guid request, Guid technician, params string[] moves)
    {
        var accepted = await _client.PostAsJsonAsync($"/api/v1/repairs/requests/{request}/accept", new { technicianId = technician });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        foreach (var move in moves)
        {
            if (move == "complete")
                await AddProofOfWorkAsync(request);
            var moved = await _client.PostAsJsonAsync($"/api/v1/repairs/requests/{request}/moves", new { technicianId = technician, move });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
    }

    /// <summary>What completing needs: an after photo (its own picture, so no reuse is found) and the signature.</summary>
    private async Task AddProofOfWorkAsync(Guid request)
    {
        using var photo = new MultipartFormDataContent
        {
            { new StringContent("after"), "stage" }, { TestPictures.Part(TestPictures.Shapes(request.GetHashCode()), "image/jpeg"), "photos", "after.jpg" },
        };
        var uploaded = await _client.PostAsync($"/api/v1/repairs/requests/{request}/photos", photo);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        using var signature = new MultipartFormDataContent { { TestPictures.Part(TestPictures.Signature(), "image/png"), "signature", "signature.png" } };
        var signed = await _client.PostAsync($"/api/v1/repairs/requests/{request}/signature", signature);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
    }

    /// <summary>The survey token of a completed request's follow-up (due tomorrow, so listed up to the day after).</summary>
    public async Task<string> SurveyTokenAsync(Guid request)
    {
        var due = DateTime.UtcNow.AddHours(8).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var list = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/follow-ups?due={due}");
        var path = list.EnumerateArray().Single(f => f.GetProperty("requestId").GetGuid() == request).GetProperty("surveyPath").GetString()!;
        return path[(path.LastIndexOf('/') + 1)..];
    }

    public void Dispose() => _client.Dispose();
}
