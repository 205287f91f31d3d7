using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The sign-in page, found by roles and labels as a person (or a screen reader) finds it.</summary>
public sealed class LoginPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Alert => Page.GetByRole(AriaRole.Alert);

    public async Task<LoginPage> OpenAsync()
    {
        await Page.GotoAsync("/account/login");
        return this;
    }

    /// <summary>Signs in with the labels of either language.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.Locator("#userName").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("form button[type=submit]").ClickAsync();
        // The answer is a new page: the landing page, or the form again with the error and an empty password field
        // (the filled one belongs to the old page).
        await Page.WaitForFunctionAsync("() => document.readyState !== 'loading' && !document.querySelector('#password')?.value",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    public Task SwitchLanguageAsync(string linkText) => Page.GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true }).ClickAsync();
}
