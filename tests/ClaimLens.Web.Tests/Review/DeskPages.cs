using System.Net;
using System.Text.RegularExpressions;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimLens.Web.Tests.Review;

/// <summary>The pages as a browser uses them: a cookie session, forms posted with the antiforgery token.</summary>
public static partial class DeskPages
{
    /// <summary>Creates a person with <paramref name="role"/> and returns a client signed in as them (cookies kept,
    /// redirects not followed).</summary>
    public static async Task<HttpClient> SignedInAsync(this DeskHost desk, string userName, Role role, Guid? merchantId = null)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var password = DeskUsers.NewPassword();
        using (var scope = desk.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>();
            var (user, result) = await DeskUsers.CreateAsync(users, desk.Clock, userName, password, role, merchantId, userName);
            Assert.True(user is not null, DeskUsers.Describe(result));
        }
        return await desk.SignInAsync(userName, password);
    }

    public static async Task<HttpClient> SignInAsync(this DeskHost desk, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var client = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {userName} gave {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The antiforgery token a page hands out (the layout's meta tag).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Token(await (await client.GetAsync(page)).Content.ReadAsStringAsync(), page);
    }

    /// <summary>The antiforgery token in a page's HTML (the layout's meta tag).</summary>
    public static string Token(string html, string page)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token)).ToList();
        return client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
