using System.Net;
using System.Text.RegularExpressions;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.MerchantConsole;

/// <summary>A person signed in to the desk's pages with the cookie, as a browser is: forms carry the antiforgery
/// token read from the page's layout.</summary>
public sealed partial class PageSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Creates a merchant user of <paramref name="merchantId"/> and signs in through /account/login.</summary>
    public static async Task<PageSession> SignInMerchantAsync(DeskHost desk, Guid merchantId, string userName)
    {
        ArgumentNullException.ThrowIfNull(desk);
        // Fixed, with a digit: DeskUsers.NewPassword() draws 13 characters and sometimes has no digit, which Identity refuses.
        const string password = "Cl-Merchant-2026";
        using (var scope = desk.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>();
            var (user, result) = await DeskUsers.CreateAsync(users, desk.Clock, userName, password, Role.Merchant, merchantId, userName);
            Assert.True(user is not null, DeskUsers.Describe(result));
        }
        var session = new PageSession(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var signIn = await session.PostFormAsync("/account/login", "/account/login", new() { ["userName"] = userName, ["password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return session;
    }

    /// <summary>The antiforgery token of a page the session can open (the layout's meta tag).</summary>
    public async Task<string> TokenAsync(string page)
    {
        var html = await Client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no token on {page}");
    }

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

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
