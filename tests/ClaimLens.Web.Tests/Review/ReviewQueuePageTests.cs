using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Review;

/// <summary>The queue page against the API's order, with many claims in review (inserted directly: the read path is
/// under test, not intake).</summary>
public sealed partial class ReviewQueuePageTests
{
    private const int Claims = 130;

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task QueuePages_FollowingNext_ListEveryClaimOnceInTheApisOrder(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await SeedAsync(desk);
        var reviewer = await desk.SignedInAsync("reviewer-1", Role.Reviewer);

        var seen = new List<Guid>();
        var url = "/review";
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            var html = await reviewer.GetStringAsync(url);
            seen.AddRange(ClaimLinks().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct());
            var next = NextLink().Match(html);
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }
        var api = await desk.ClientFor(desk.ReviewerKey).GetFromJsonAsync<JsonElement>("/api/v1/review-queue?limit=200");
        var expected = api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(Claims, expected.Count);
        Assert.Equal(expected, seen);

        // Counts at the top: ties and filters were seeded, so each figure is known.
        var first = await reviewer.GetStringAsync("/review");
        Assert.Equal(Claims.ToString(System.Globalization.CultureInfo.InvariantCulture), Count(first, "in-queue"));
        Assert.Equal((Claims / 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Count(first, "likely-manipulated"));
        Assert.Equal("10", Count(first, "overdue"));

        // Filters: the verdict narrows the table; htmx gets the counts and table without the page around them.
        var filtered = await reviewer.GetStringAsync("/review?verdict=needs_review&age=gt3d");
        Assert.Equal("0", Count(filtered, "in-queue"));
        using var htmx = new HttpRequestMessage(HttpMethod.Get, "/review?verdict=likely_manipulated");
        htmx.Headers.Add("HX-Request", "true");
        var partial = await (await reviewer.SendAsync(htmx)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", partial, StringComparison.Ordinal);
        Assert.Equal((Claims / 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Count(partial, "in-queue"));
    }

    private static async Task SeedAsync(DeskHost desk)
    {
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("Q-1", "LOCK-S1", desk.Clock.GetUtcNow().AddDays(-2));
        var now = desk.Clock.GetUtcNow();
        await desk.WithDbAsync(async db =>
        {
            var order = db.Orders.Single();
            for (var i = 0; i < Claims; i++)
            {
                // Few distinct risks and deadlines, so the order falls back to the deadline and then the id.
                var verdict = (i % 3) switch { 0 => "likely_manipulated", 1 => "needs_review", _ => "no_manipulation_found" };
                db.Claims.Add(new Claim
                {
                    Id = Guid.NewGuid(), MerchantId = order.MerchantId, OrderId = order.Id, Sku = "LOCK-S1", Reason = "seed", Amount = 10,
                    Status = ClaimStatus.InReview, BuyerKey = order.BuyerKey, Risk = 90 - 10 * (i % 4), Verdict = verdict,
                    CreatedAt = now.AddHours(-i % 24), UpdatedAt = now, ReviewDueAt = i < 10 ? now.AddHours(-1) : now.AddHours(i % 5 + 1),
                });
            }
            return await db.SaveChangesAsync();
        });
    }

    private static string Count(string html, string name) =>
        Regex.Match(html, $"data-count=\"{name}\">(\\d+)<").Groups[1].Value;

    [GeneratedRegex("href=\"/review/claims/([0-9a-f-]{36})")]
    private static partial Regex ClaimLinks();

    [GeneratedRegex("<a class=\"button\" href=\"([^\"]+)\"[^>]*rel=\"next\"")]
    private static partial Regex NextLink();
}
