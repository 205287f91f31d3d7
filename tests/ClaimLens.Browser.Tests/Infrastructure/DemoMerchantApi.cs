using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.DevSet;
using OpenCvSharp;

namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>The demo merchant's integration (its API key), to make each test's own product, order and claim.</summary>
public sealed class DemoMerchantApi(DeskSite site) : IDisposable
{
    private readonly HttpClient _client = new()
    {
        BaseAddress = site.Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", site.Demo["merchant"]) },
    };

    /// <summary>A generated listing photo as JPEG (seeded, so each test's product looks different).</summary>
    public static byte[] ListingJpeg(int seed, int width = 1200, int height = 900)
    {
        using var listing = ProductPhoto.Draw(width, height, seed);
        Cv2.ImEncode(".jpg", listing, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return bytes;
    }

    /// <summary>A product with one reference photo, an order of it and a claim with the demo forgery of that photo;
    /// returns the claim's id once the desk has analysed it (it then awaits the merchant: the amount is above any
    /// auto-approve limit).</summary>
    public async Task<(Guid Claim, string OrderNo)> ClaimAwaitingAnswerAsync(string tag)
    {
        var sku = $"SKU-{tag}";
        var orderNo = $"ORD-{tag}";
        using var listing = ProductPhoto.Draw(1200, 900, tag.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        Cv2.ImEncode(".jpg", listing, out var listingJpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        (await _client.PostAsJsonAsync("/api/v1/products", new { sku, brand = "ClaimLens", name = $"测试商品 {tag}" })).EnsureSuccessStatusCode();
        using (var refs = new MultipartFormDataContent { { TestPictures.Part(listingJpeg, "image/jpeg"), "photos", "listing.jpg" } })
            (await _client.PostAsync($"/api/v1/products/{sku}/reference-photos", refs)).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-" + tag, buyerPhone = "13900139000", shippedAt = DateTimeOffset.UtcNow.AddDays(-3),
            deliveredAt = DateTimeOffset.UtcNow.AddDays(-1), lines = new[] { new { sku, quantity = 1, unitPrice = 599m } },
        })).EnsureSuccessStatusCode();
        var (forged, mask) = DemoForgery.Make(listing);
        byte[] forgedJpeg;
        using (forged)
        using (mask)
            Cv2.ImEncode(".jpg", forged, out forgedJpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, DemoForgery.JpegQuality));
        using var claimForm = new MultipartFormDataContent
        {
            { new StringContent(orderNo), "orderNo" }, { new StringContent(sku), "sku" }, { new StringContent("refund_only"), "type" },
            { new StringContent("收到时有裂纹"), "reason" }, { new StringContent(599m.ToString(CultureInfo.InvariantCulture)), "amount" },
            { TestPictures.Part(forgedJpeg, "image/jpeg"), "photos", "IMG_1.jpg" },
        };
        var filed = await _client.PostAsync("/api/v1/claims", claimForm);
        filed.EnsureSuccessStatusCode();
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(id, "awaiting_merchant");
        return (id, orderNo);
    }

    /// <summary>An order of one new product (no claim), for the order page.</summary>
    public async Task<string> OrderAsync(string tag)
    {
        var sku = $"SKU-{tag}";
        var orderNo = $"ORD-{tag}";
        (await _client.PostAsJsonAsync("/api/v1/products", new { sku, brand = "ClaimLens", name = $"测试商品 {tag}" })).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-" + tag, buyerPhone = "13700137000", shippedAt = DateTimeOffset.UtcNow.AddDays(-3),
            deliveredAt = DateTimeOffset.UtcNow.AddDays(-1), lines = new[] { new { sku, quantity = 2, unitPrice = 129.9m } },
        })).EnsureSuccessStatusCode();
        return orderNo;
    }

    /// <summary>An order of an existing product, as the merchant's platform sends it; returns the buyer's link.</summary>
    public async Task<string> OrderWithBuyerLinkAsync(string sku, string orderNo, decimal unitPrice)
    {
        var created = await _client.PostAsJsonAsync("/api/v1/orders", new
        {
            orderNo, buyerId = "buyer-" + orderNo, buyerPhone = "13600136000", shippedAt = DateTimeOffset.UtcNow.AddDays(-3),
            deliveredAt = DateTimeOffset.UtcNow.AddDays(-1), lines = new[] { new { sku, quantity = 1, unitPrice } },
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("buyerLink").GetString()
            ?? throw new InvalidOperationException("the order came back without a buyer link");
    }

    /// <summary>Polls the claim (the desk's workers analyse in the background) for at most a minute.</summary>
    public async Task WaitForStatusAsync(Guid id, string status)
    {
        for (var i = 0; i < 120; i++)
        {
            var claim = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");
            if (claim.GetProperty("status").GetString() == status)
                return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"claim {id} did not reach {status} within a minute");
    }

    public void Dispose() => _client.Dispose();
}
