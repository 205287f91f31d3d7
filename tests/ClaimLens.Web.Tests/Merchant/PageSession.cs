using ClaimLens.Web.Accounts;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Review;

namespace ClaimLens.Web.Tests.MerchantConsole;

/// <summary>A person signed in to the desk's pages with the cookie, as a browser is: forms carry the antiforgery
/// token read from the page's layout.</summary>
public sealed class PageSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Creates a merchant user of <paramref name="merchantId"/> and signs in through /account/login.</summary>
    public static async Task<PageSession> SignInMerchantAsync(DeskHost desk, Guid merchantId, string userName) =>
        new(await desk.SignedInAsync(userName, Role.Merchant, merchantId));

    /// <summary>The antiforgery token of a page the session can open (the layout's meta tag).</summary>
    public Task<string> TokenAsync(string page) => DeskPages.TokenAsync(Client, page);

    public async Task<HttpResponseMessage> PostFormAsync(string tokenPage, string path, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields["__RequestVerificationToken"] = await TokenAsync(tokenPage);
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(path, content);
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string tokenPage, string path, MultipartFormDataContent form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Add(new StringContent(await TokenAsync(tokenPage)), "__RequestVerificationToken");
        return await Client.PostAsync(path, form);
    }

    /// <summary>An API call made by page script: the cookie and the token in the RequestVerificationToken header.</summary>
    public async Task<HttpResponseMessage> PostApiAsync(string tokenPage, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("RequestVerificationToken", await TokenAsync(tokenPage));
        return await Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();
}
