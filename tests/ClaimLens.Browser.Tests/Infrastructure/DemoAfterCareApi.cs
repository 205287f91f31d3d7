using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCvSharp;

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
        var rng = new Random(request.GetHashCode());
        using var picture = new Mat(480, 640, MatType.CV_8UC3, new Scalar(rng.Next(80, 200), rng.Next(80, 200), rng.Next(80, 200)));
        for (var i = 0; i < 20; i++)
            Cv2.Circle(picture, new Point(rng.Next(640), rng.Next(480)), rng.Next(10, 90), new Scalar(rng.Next(256), rng.Next(256), rng.Next(256)), -1);
        Cv2.ImEncode(".jpg", picture, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        using var photo = new MultipartFormDataContent { { new StringContent("after"), "stage" }, { Part(jpeg, "image/jpeg"), "photos", "after.jpg" } };
        var uploaded = await _client.PostAsync($"/api/v1/repairs/requests/{request}/photos", photo);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());

        using var canvas = new Mat(200, 600, MatType.CV_8UC4, Scalar.All(0));
        Cv2.PutText(canvas, "Chen", new Point(40, 140), HersheyFonts.HersheyScriptSimplex, 3, new Scalar(30, 30, 30, 255), 4, LineTypes.AntiAlias);
        Cv2.ImEncode(".png", canvas, out var png);
        using var signature = new MultipartFormDataContent { { Part(png, "image/png"), "signature", "signature.png" } };
        var signed = await _client.PostAsync($"/api/v1/repairs/requests/{request}/signature", signature);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
    }

    private static ByteArrayContent Part(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
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
