using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class LanguageTests(DeskSite site)
{
    [Fact]
    public async Task Login_EnglishBrowser_StillChineseByDefault()
    {
        var login = await new LoginPage(await site.OpenAsync(locale: "en-US")).OpenAsync();

        Assert.Equal("登录售后证据台", await login.Heading.InnerTextAsync());
        Assert.Equal("zh-CN", await login.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("用户名", (await login.Page.Locator("label[for=userName]").InnerTextAsync()).Trim());
        await DeskSite.ScreenshotAsync(login.Page, "login-zh");
    }

    [Fact]
    public async Task LanguageLink_OneClick_SwitchesAndIsRemembered()
    {
        var login = await new LoginPage(await site.OpenAsync(locale: "zh-CN")).OpenAsync();

        await login.SwitchLanguageAsync("English");
        Assert.Equal("Sign in to ClaimLens", await login.Heading.InnerTextAsync());
        Assert.EndsWith("/account/login", login.Page.Url, StringComparison.Ordinal);

        await login.Page.ReloadAsync();
        Assert.Equal("Sign in to ClaimLens", await login.Heading.InnerTextAsync());
        Assert.Equal("en", await login.Page.Locator("html").GetAttributeAsync("lang"));

        await login.SwitchLanguageAsync("中文");
        Assert.Equal("登录售后证据台", await login.Heading.InnerTextAsync());
    }

    [Fact]
    public async Task Login_WrongPasswordThenRight_ExplainsThenSignsIn()
    {
        var login = await new LoginPage(await site.OpenAsync()).OpenAsync();

        await login.SignInAsync("reviewer@demo", "not-the-password");
        Assert.Equal("用户名或密码不正确。", await login.Alert.InnerTextAsync());

        await login.SignInAsync("reviewer@demo", site.Demo["reviewer@demo"]);
        Assert.DoesNotContain("/account/login", login.Page.Url, StringComparison.Ordinal);
        var cookies = await login.Page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "claimlens.auth" && c.HttpOnly);
    }

    [Fact]
    public async Task Login_At360Pixels_HasNoSidewaysScroll()
    {
        var login = await new LoginPage(await site.OpenAsync(width: 360, height: 740)).OpenAsync();

        var scrollWidth = await login.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the page is {scrollWidth} px wide at a 360 px viewport");
        await DeskSite.ScreenshotAsync(login.Page, "login-360");
    }
}
