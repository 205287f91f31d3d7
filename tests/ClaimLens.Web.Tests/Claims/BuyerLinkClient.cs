using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Review;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>A buyer's browser as the pages' scripts drive it: cookies kept, the antiforgery token read from the
/// page's meta tag and sent in the <c>RequestVerificationToken</c> header, one multipart post per claim.</summary>
public sealed class BuyerLinkClient(HttpClient http, string token)
{
    private string? _antiforgery;

    public HttpClient Http { get; } = http;

    public string Token { get; } = token;

    public string OrderPath => $"/buyer/orders/{Token}";

    /// <summary>Opens the claim form (which sets the antiforgery cookie) and keeps the page's token.</summary>
    public async Task<string> OpenFormAsync(string? path = null)
    {
        var html = await Http.GetStringAsync(path ?? OrderPath + "/claim");
        _antiforgery = DeskPages.Token(html, path ?? OrderPath + "/claim");
        return html;
    }

    public async Task<(Guid Id, string Code)> StartCaptureAsync(string? path = null)
    {
        using var request = Post((path ?? OrderPath + "/claim") + "?handler=session", content: null);
        var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!);
    }

    /// <summary>Posts a claim: each photo with, when live, its session id and capture time (Unix ms).</summary>
    public async Task<HttpResponseMessage> FileAsync(string sku, string amount, IReadOnlyList<(byte[] Bytes, string Name, Guid? Session, long? CapturedAt)> photos,
        string reasonCode = "damaged", string type = "refund_only", string? path = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(sku), "sku" },
            { new StringContent(type), "type" },
            { new StringContent(reasonCode), "reasonCode" },
            { new StringContent("面板有裂纹 the panel is cracked"), "reasonText" },
            { new StringContent(amount), "amount" },
        };
        AddPhotos(form, photos);
        using var request = Post(path ?? OrderPath + "/claim", form);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> AddEvidenceAsync(Guid claimId, IReadOnlyList<(byte[] Bytes, string Name, Guid? Session, long? CapturedAt)> photos)
    {
        using var form = new MultipartFormDataContent();
        AddPhotos(form, photos);
        using var request = Post($"{OrderPath}/claims/{claimId}?handler=evidence", form);
        return await Http.SendAsync(request);
    }

    private static void AddPhotos(MultipartFormDataContent form, IReadOnlyList<(byte[] Bytes, string Name, Guid? Session, long? CapturedAt)> photos)
    {
        for (var i = 0; i < photos.Count; i++)
        {
            var (bytes, name, session, at) = photos[i];
            form.Add(DeskApi.Image(bytes), "photos", name);
            if (session is { } id)
                form.Add(new StringContent(id.ToString()), $"session[{i}]");
            if (at is { } ms)
                form.Add(new StringContent(ms.ToString(CultureInfo.InvariantCulture)), $"capturedAt[{i}]");
        }
    }

    private HttpRequestMessage Post(string path, HttpContent? content)
    {
        Assert.NotNull(_antiforgery);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("RequestVerificationToken", _antiforgery);
        request.Headers.Add("Accept", "application/json");
        return request;
    }
}
