using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>One real desk process (SQLite and media in a temporary folder, the demo data, background workers on) and
/// one headless Debian Chromium, shared by the browser tests of a run.</summary>
public sealed class DeskSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "claimlens-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private DeskProcess? _desk;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri Address => _desk?.Address ?? throw new InvalidOperationException("the desk has not started");

    /// <summary>The demo's passwords, API keys and the buyer's order link, as the desk wrote them.</summary>
    public IReadOnlyDictionary<string, string> Demo { get; private set; } = new Dictionary<string, string>();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser has not started");

    public string Root => _root;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/setup.sh (apt-get install -y chromium)");
        Directory.CreateDirectory(_root);
        _desk = await DeskProcess.StartAsync(new Dictionary<string, string>
        {
            ["contentRoot"] = _root,
            ["ClaimLens:Demo"] = "true",
        });
        var keys = await File.ReadAllTextAsync(Path.Combine(_root, "data", "demo-keys.json"));
        Demo = JsonSerializer.Deserialize<Dictionary<string, string>>(keys) ?? throw new InvalidOperationException("no demo keys");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespaces for Chromium's sandbox; /dev/shm may be tiny. The fake
            // camera (a moving test pattern) stands in for a phone's camera on the live-capture page.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) at a phone or desk size. The browser asks for English content
    /// by default, so tests see that Chinese is the desk's own default, not the browser's.</summary>
    public async Task<IPage> OpenAsync(int width = 1280, int height = 900, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Asia/Shanghai",
            Permissions = ["camera"],
        });
        // Generous: CI machines are shared and the desk analyses photos in the background while pages load.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot under <c>artifacts/screenshots/</c> at the repository root.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_desk is not null)
            await _desk.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a dying process; the temp folder is the OS's to clean
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClaimLens.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ClaimLens.sln not found above the test folder");
    }
}
