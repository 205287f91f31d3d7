using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The merchant console as a person finds it: by headings, labels and link names.</summary>
public sealed class MerchantPages(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    public async Task SignInAsync(string userName, string password)
    {
        var login = await new LoginPage(Page).OpenAsync();
        await login.SignInAsync(userName, password);
    }

    /// <summary>The claims list row of an order (its first link cell names the order).</summary>
    public ILocator ClaimRow(string orderNo) => Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = orderNo, Exact = true }) });

    /// <summary>Opens the list of claims awaiting an answer, reloading until <paramref name="orderNo"/> is on it (the
    /// demo claim is analysed in the background just after the desk starts).</summary>
    public async Task<ILocator> WaitForClaimAsync(string orderNo)
    {
        for (var i = 0; i < 60; i++)
        {
            await Page.GotoAsync("/merchant/claims");
            if (await ClaimRow(orderNo).CountAsync() > 0)
                return ClaimRow(orderNo);
            await Task.Delay(1000);
        }
        throw new TimeoutException($"{orderNo} never appeared among the claims awaiting an answer");
    }

    public Task UploadAsync(string inputId, string path) => Page.Locator($"#{inputId}").SetInputFilesAsync(path);

    /// <summary>Drops a file on the uploader's drop zone as a person dragging it from the desktop does (a real
    /// <c>drop</c> event carrying a DataTransfer with the file).</summary>
    public async Task DropAsync(string dropZone, byte[] bytes, string fileName)
    {
        var transfer = await Page.EvaluateHandleAsync(
            """
            ([b64, name]) => {
              const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
              const dt = new DataTransfer();
              dt.items.add(new File([bytes], name, { type: 'image/jpeg' }));
              return dt;
            }
            """, new object[] { Convert.ToBase64String(bytes), fileName });
        await Page.DispatchEventAsync(dropZone, "dragenter", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await Page.DispatchEventAsync(dropZone, "drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }
}
