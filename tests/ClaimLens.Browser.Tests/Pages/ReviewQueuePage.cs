using Microsoft.Playwright;

namespace ClaimLens.Browser.Tests.Pages;

/// <summary>The reviewer's queue (<c>/review</c>).</summary>
public sealed class ReviewQueuePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Counts => Page.GetByRole(AriaRole.Group, new() { Name = "队列概况" });

    public ILocator InQueueCount => Page.Locator("[data-count=in-queue]");

    public async Task<ReviewQueuePage> OpenAsync()
    {
        await Page.GotoAsync("/review");
        return this;
    }

    /// <summary>The queue's link to a claim (its risk figure).</summary>
    public ILocator ClaimLink(Guid claimId) => Page.Locator($"table.queue a[href^='/review/claims/{claimId}']").First;

    public ILocator FilterBy(string label) => Page.GetByLabel(label, new() { Exact = true });
}
