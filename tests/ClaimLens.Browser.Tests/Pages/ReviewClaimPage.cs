using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The reviewer's claim page (<c>/review/claims/{id}</c>), driven as a reviewer does: with the keyboard.</summary>
public sealed class ReviewClaimPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator FirstPhoto => Page.Locator("article[data-photo]").First;

    /// <summary>The codes of the first photo's findings, in the order shown.</summary>
    public Task<string[]> FindingCodesAsync() =>
        FirstPhoto.Locator("li.finding").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.code)");

    public ILocator HeatMap => FirstPhoto.Locator("img[data-heatmap]");

    public ILocator HeatButton => FirstPhoto.GetByRole(AriaRole.Button, new() { Name = "热图" });

    public ILocator BlinkButton => FirstPhoto.GetByRole(AriaRole.Button, new() { Name = "闪烁对比" });

    public ILocator Overlay => FirstPhoto.GetByLabel("参考图叠加");

    public ILocator AlignedReference => FirstPhoto.Locator("img[data-aligned]");

    public ILocator RejectReason => Page.GetByLabel("驳回理由");

    public ILocator RejectNote => Page.GetByLabel("告知买家的说明");

    public ILocator RejectButton => Page.GetByRole(AriaRole.Button, new() { Name = "驳回 r" });

    public ILocator ConfirmDialog => Page.GetByRole(AriaRole.Dialog);

    public ILocator Shortcuts => Page.GetByRole(AriaRole.Region, new() { Name = "键盘快捷键" });

    /// <summary>Presses a shortcut key with the focus on the page body (not in a field).</summary>
    public async Task PressAsync(string key)
    {
        await Page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await Page.Keyboard.PressAsync(key);
    }
}
