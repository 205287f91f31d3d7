using System.Net;
using ClaimLens.Web.Tests.Claims;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>The pictures a merchant sends with its answer are shown to reviewers as renditions, by the response
/// record, and to nobody outside the claim's merchant and the reviewers.</summary>
public sealed class ResponseMediaTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task ResponseEvidence_ServedToReviewerAndMerchant_404ForOthersAndPastTheEnd(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var a = desk.ClientFor(desk.MerchantA.Key);
        var id = await ClaimLifecycleTests.FileForgedClaimAsync(desk, a);
        await desk.DrainAsync();
        using (var form = new MultipartFormDataContent
        {
            { new StringContent("这是我们的主图加了裂纹"), "text" },
            { DeskApi.Image(TestPhotos.Listing), "evidence", "listing.jpg" },
        })
            Assert.Equal(HttpStatusCode.OK, (await a.PostAsync($"/api/v1/claims/{id}/merchant-response", form)).StatusCode);
        var responseId = await desk.WithDbAsync(db => db.MerchantResponses.Where(r => r.ClaimId == id).Select(r => r.Id).SingleAsync());

        var reviewer = await desk.ClientFor(desk.ReviewerKey).GetAsync($"/media/responses/{responseId}/0/thumb");
        Assert.Equal(HttpStatusCode.OK, reviewer.StatusCode);
        Assert.Equal("image/jpeg", reviewer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/media/responses/{responseId}/0/view")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.ClientFor(desk.MerchantB.Key).GetAsync($"/media/responses/{responseId}/0/thumb")).StatusCode);
        // Tried: an index past the evidence list, a negative one, and a size that is not a rendition.
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/media/responses/{responseId}/1/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/media/responses/{responseId}/-1/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/media/responses/{responseId}/0/original")).StatusCode);
    }
}
