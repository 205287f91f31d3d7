using System.Text.Json;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests;

/// <summary>Every page a person works in, in both languages: each form control has a label, each picture a text
/// alternative, each button and link a name, and nothing scrolls sideways on a 360 px phone.</summary>
[Collection(DeskCollection.Name)]
public sealed class AccessibilityTests(DeskSite site)
{
    // What a screen reader would announce as nameless, found the way the browser computes names (labels, aria).
    internal const string Unnamed = """
        () => {
          const name = el => (el.getAttribute('aria-label') || '').trim()
            || (el.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join('').trim()
            || (el.labels ? [...el.labels].map(l => l.textContent).join('').trim() : '')
            || (el.getAttribute('title') || '').trim();
          const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          const out = [];
          for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea'))
            if (visible(el) && !name(el) && !(el.type === 'submit' && el.value)) out.push('control ' + (el.id || el.name || el.outerHTML.slice(0, 80)));
          for (const el of document.querySelectorAll('img'))
            if (!el.hasAttribute('alt')) out.push('img ' + el.getAttribute('src'));
          for (const el of document.querySelectorAll('button, a[href]'))
            if (visible(el) && !name(el) && !el.textContent.trim() && !el.querySelector('img[alt]:not([alt=""])')) out.push(el.tagName.toLowerCase() + ' ' + el.outerHTML.slice(0, 80));
          return out;
        }
        """;

    [Theory]
    [InlineData("merchant@demo", "zh-CN")]
    [InlineData("merchant@demo", "en")]
    [InlineData("reviewer@demo", "zh-CN")]
    [InlineData("admin@demo", "en")]
    public async Task SignedInPages_EveryControlImageAndButtonIsNamed(string user, string language)
    {
        var page = await site.OpenAsync(1280, 900);
        await new LoginPage(page).OpenAsync();
        if (language == "en")
            await page.GotoAsync("/language/en?returnUrl=/account/login");
        await new LoginPage(page).SignInAsync(user, site.Demo[user]);

        var problems = new List<string>();
        foreach (var path in await PagesOfAsync(page, user))
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            foreach (var problem in await page.EvaluateAsync<string[]>(Unnamed))
                problems.Add($"{path}: {problem}");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task BuyerPages_At360_EveryControlNamed_NothingScrollsSideways()
    {
        var page = await site.OpenAsync(360, 740, "zh-CN");
        var link = "/buyer/orders/" + site.Demo["order-link"];
        var problems = new List<string>();
        foreach (var path in new[] { link, link + "/claim", "/account/login", "/status/404" })
        {
            await page.GotoAsync(path);
            foreach (var problem in await page.EvaluateAsync<string[]>(Unnamed))
                problems.Add($"{path}: {problem}");
            var overflow = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
                problems.Add($"{path}: {overflow} px of sideways scroll");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The pages of a role, with the ids of real records (the demo claim, product and order).</summary>
    private async Task<IReadOnlyList<string>> PagesOfAsync(IPage page, string user) =>
        user switch
        {
            "merchant@demo" => ["/merchant/claims", await FirstLinkAsync(page, "/merchant/claims", "a[href^='/merchant/claims/']"),
                "/merchant/products", "/merchant/products/LOCK-S1", "/merchant/orders", "/merchant/orders/DEMO-0001",
                "/merchant/settings", "/merchant/settings/webhooks", "/merchant/settings/keys"],
            "reviewer@demo" => ["/review", await DemoClaimForReviewerAsync()],
            _ => ["/admin", "/admin/users", "/admin/merchants", "/admin/audit", "/review"],
        };

    private static async Task<string> FirstLinkAsync(IPage page, string list, string selector)
    {
        await page.GotoAsync(list);
        return await page.Locator(selector).First.GetAttributeAsync("href") ?? throw new InvalidOperationException($"no link {selector} on {list}");
    }

    private async Task<string> DemoClaimForReviewerAsync()
    {
        using var api = new HttpClient { BaseAddress = site.Address };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", site.Demo["reviewer"]);
        using var merchant = new DemoMerchantApi(site);
        var (claim, _) = await merchant.ClaimAwaitingAnswerAsync(Guid.NewGuid().ToString("N")[..8]);
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/claims/{claim}"));
        Assert.Equal("awaiting_merchant", json.RootElement.GetProperty("status").GetString());
        return $"/review/claims/{claim}";
    }
}
