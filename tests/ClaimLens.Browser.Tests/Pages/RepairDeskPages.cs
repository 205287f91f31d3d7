using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The repair desk's pages, found by labels and roles in Chinese (the desk's default language).</summary>
public sealed class RepairDeskPages(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    public async Task SignInAsync(string userName, string password)
    {
        await new LoginPage(Page).OpenAsync();
        await new LoginPage(Page).SignInAsync(userName, password);
    }

    public async Task CheckAsync(string phone, string brand)
    {
        await Page.GotoAsync("/service/check");
        await Page.GetByLabel("电话号码").FillAsync(phone);
        await Page.GetByLabel("品牌").FillAsync(brand);
        await Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Picks one address level and waits for the level below to be offered (htmx fills it).</summary>
    public async Task PickAsync(string select, string code, string? next, string? nextCode)
    {
        await Page.Locator($"#{select}").SelectOptionAsync(code);
        if (next is not null)
            await Page.Locator($"#{next}:not([disabled]) option[value='{nextCode}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>The id of the element that has the keyboard focus.</summary>
    public Task<string> FocusedAsync() => Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    /// <summary>True when the page is wider than the window (sideways scrolling on a phone).</summary>
    public Task<bool> ScrollsSidewaysAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}
