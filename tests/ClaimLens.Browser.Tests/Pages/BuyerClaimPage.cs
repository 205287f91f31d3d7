using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The buyer's pages behind an order link (order, file a claim, status), found by roles and labels.</summary>
public sealed partial class BuyerClaimPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Code => Page.Locator("[data-code]");

    public ILocator Previews => Page.Locator("[data-previews] li");

    public ILocator PhotoError => Page.Locator("[data-error-for=photos]");

    public ILocator Progress => Page.Locator("[data-progress]");

    public ILocator StatusBadge => Page.Locator("[data-status-name]");

    public ILocator SentPhotos => Page.Locator("ul.sent li");

    public async Task OpenOrderAsync(string link) => await Page.GotoAsync(link);

    public Task StartClaimAsync() => Page.GetByRole(AriaRole.Link, new() { Name = "申请售后" }).ClickAsync();

    public Task ChooseReasonAsync(string code) => Page.GetByLabel("售后原因").SelectOptionAsync(code);

    public Task DescribeAsync(string text) => Page.GetByLabel("补充说明（选填）").FillAsync(text);

    public ILocator Amount => Page.GetByLabel("退款金额（元）");

    public ILocator Details => Page.GetByLabel("补充说明（选填）");

    /// <summary>Opens the camera, waits for the desk's code on screen, and takes one photo.</summary>
    public async Task<string> TakeLivePhotoAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "现场拍照" }).ClickAsync();
        await Assertions.Expect(Code).ToHaveTextAsync(CodePattern());
        await Page.WaitForFunctionAsync("() => document.querySelector('[data-video]').videoWidth > 0");
        var before = await Previews.CountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "拍照", Exact = true }).ClickAsync();
        await Assertions.Expect(Previews).ToHaveCountAsync(before + 1);
        return await Code.InnerTextAsync();
    }

    /// <summary>The JPEG the camera page made for the preview at <paramref name="index"/> (read from its object URL).</summary>
    public async Task<byte[]> LivePhotoBytesAsync(int index)
    {
        var base64 = await Previews.Nth(index).Locator("img").EvaluateAsync<string>(
            "async img => { const b = new Uint8Array(await (await fetch(img.src)).arrayBuffer()); let s = ''; for (const x of b) s += String.fromCharCode(x); return btoa(s); }");
        return Convert.FromBase64String(base64);
    }

    public Task AddFromGalleryAsync(string path) => Page.Locator("#gallery").SetInputFilesAsync(path);

    public Task SubmitAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

    /// <summary>The page's width beyond the viewport (0 when nothing scrolls sideways).</summary>
    public async Task<int> SidewaysOverflowAsync() =>
        await Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");

    [GeneratedRegex("^[A-Z2-9]{6}$")]
    public static partial Regex CodePattern();
}
