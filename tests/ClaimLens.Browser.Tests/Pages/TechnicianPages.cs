using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The technician's phone pages (Chinese, the desk's default), found by roles and labels.</summary>
public sealed class TechnicianPages(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    public ILocator JobStatus => Page.Locator("#job-status");

    public async Task SignInAsync(string userName, string password)
    {
        await new LoginPage(Page).OpenAsync();
        await new LoginPage(Page).SignInAsync(userName, password);
    }

    /// <summary>Presses a step's button and waits for the page the step answers with.</summary>
    public async Task StepAsync(string button)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Chooses the photo's stage and a file as the camera would give it; waits until the page shows one more photo.</summary>
    public async Task AddPhotoAsync(string stageLabel, byte[] jpeg, string name)
    {
        var before = await Page.Locator(".repair-photo").CountAsync();
        await Page.GetByLabel("照片类型").SelectOptionAsync(new SelectOptionValue { Label = stageLabel });
        await Page.GetByLabel("拍照或选择照片").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = jpeg });
        await Page.Locator(".repair-photo").Nth(before).WaitForAsync();
    }

    /// <summary>Draws a signature stroke by stroke with the mouse, as a finger would on the phone.</summary>
    public async Task SignAsync()
    {
        var canvas = Page.Locator("#signature");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("the signature pad is not shown");
        var mouse = Page.Mouse;
        await mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height * 0.6f);
        await mouse.DownAsync();
        for (var i = 1; i <= 20; i++)
            await mouse.MoveAsync(box.X + box.Width * (0.1f + i * 0.04f), box.Y + box.Height * (0.6f - 0.3f * MathF.Sin(i * 0.6f)));
        await mouse.UpAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存签名" }).ClickAsync();
        // The page reloads with the signature on record.
        await Page.Locator("p.notice", new() { HasText = "客户已签名" }).WaitForAsync();
    }

    public Task<bool> ScrollsSidewaysAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}
