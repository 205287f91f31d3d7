using System.Net;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OpenCvSharp;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Xunit.Abstractions;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>The merchant's evidence bundle (PDF), downloaded through the real API on SQLite and on PostgreSQL.</summary>
public sealed class BundleTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Bundle_ForgedClaim_InChineseAndEnglish_HasCoverPhotoPageAndAuditTrail(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var id = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 899m, TestPhotos.Forged);
        await desk.DrainAsync();
        Assert.Equal(HttpStatusCode.OK, (await merchant.RespondAsync(id, "这是我们的商品主图加了裂纹，买家从未收到破损商品。")).StatusCode);
        var photo = await desk.WithDbAsync(db => db.EvidencePhotos.SingleAsync());

        foreach (var (lang, title, photoWords) in new[] { ("zh", "售后证据包", "严重"), ("en", "Evidence bundle", "critical") })
        {
            var response = await merchant.GetAsync($"/api/v1/claims/{id}/bundle.pdf?lang={lang}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal($"claim-A-1-{id.ToString()[..8]}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

            using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
            Assert.Equal(3, pdf.PageCount); // cover, the one photo, the audit trail
            Assert.Contains("A-1", pdf.Info.Title, StringComparison.Ordinal);

            var cover = PdfText.Of(pdf.Pages[0]);
            Assert.Contains(title, cover, StringComparison.Ordinal);
            Assert.Contains("Merchant A", cover, StringComparison.Ordinal);
            Assert.Contains("买家从未收到破损商品", cover, StringComparison.Ordinal);
            Assert.Contains(lang == "zh" ? "第 1 / 3 页" : "Page 1 of 3", cover, StringComparison.Ordinal);
            Assert.Contains("+08:00", cover, StringComparison.Ordinal); // filed time in the merchant's zone, Asia/Shanghai

            var photoPage = PdfText.Of(pdf.Pages[1]);
            Assert.Contains(photo.Sha256, photoPage, StringComparison.Ordinal);
            Assert.Contains("derived_from_reference", photoPage, StringComparison.Ordinal);
            Assert.Contains(photoWords, photoPage, StringComparison.Ordinal);
            var images = Images(pdf.Pages[1]);
            Assert.Equal(2, images.Count); // the photo and its matched reference
            Assert.All(images, i => Assert.Equal("/DCTDecode", i.Elements.GetName("/Filter")));

            var audit = PdfText.Of(pdf.Pages[2]);
            var filed = await desk.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "claim.filed"));
            Assert.Contains("claim.filed", audit, StringComparison.Ordinal);
            Assert.Contains(filed.Hash, audit, StringComparison.Ordinal);
            Assert.Contains(photo.MatchedReferenceSha256!, audit, StringComparison.Ordinal);
            Assert.True(EmbeddedFont(pdf.Pages[0]), "the cover's font is not an embedded WenQuanYi subset");
        }

        Assert.Equal(2, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "claim.bundle_exported" && a.SubjectId == id.ToString())));
        var verify = await desk.ClientFor(desk.AdminKey).GetAsync("/api/v1/audit/verify");
        Assert.Contains("\"intact\":true", await verify.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Bundle_OtherMerchant_GetsNotFound_ReviewerGetsIt_BadLanguageIsRefused(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-2", "LOCK-S1", Delivered);
        var id = await merchant.FileClaimOkAsync("A-2", "LOCK-S1", 899m, TestPhotos.Forged);
        await desk.DrainAsync();

        // Tried: another merchant's key on a real id, a made-up id, and a language the bundle is not written in.
        Assert.Equal(HttpStatusCode.NotFound, (await desk.ClientFor(desk.MerchantB.Key).GetAsync($"/api/v1/claims/{id}/bundle.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/api/v1/claims/{Guid.NewGuid()}/bundle.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await merchant.GetAsync($"/api/v1/claims/{id}/bundle.pdf?lang=fr")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().GetAsync($"/api/v1/claims/{id}/bundle.pdf")).StatusCode);

        var reviewer = await desk.ClientFor(desk.ReviewerKey).GetAsync($"/api/v1/claims/{id}/bundle.pdf?lang=en");
        Assert.Equal(HttpStatusCode.OK, reviewer.StatusCode);
        Assert.Equal("%PDF-"u8.ToArray(), (await reviewer.Content.ReadAsByteArrayAsync())[..5]);
        var exports = await desk.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "claim.bundle_exported").ToListAsync());
        Assert.Equal("claim", Assert.Single(exports).SubjectType); // refusals export nothing
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Bundle_UnanalysedClaimWithLargePhotos_SaysNotAnalysed_AndEmbedsScaledDownCopies(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Listing);
        await merchant.CreateOrderAsync("A-3", "LOCK-S1", Delivered);
        var id = await merchant.FileClaimOkAsync("A-3", "LOCK-S1", 899m, LargePhoto(3200, 2400), LargePhoto(1200, 4000));

        var response = await merchant.GetAsync($"/api/v1/claims/{id}/bundle.pdf?lang=en");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var pdf = PdfReader.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.Equal(4, pdf.PageCount); // cover, two photos (not analysed: no reference), the audit trail
        Assert.Contains("Not analysed yet", PdfText.Of(pdf.Pages[1]), StringComparison.Ordinal);
        Assert.Contains("being analysed", PdfText.Of(pdf.Pages[0]), StringComparison.Ordinal);
        foreach (var page in new[] { pdf.Pages[1], pdf.Pages[2] })
        {
            var image = Assert.Single(Images(page));
            var (width, height) = (image.Elements.GetInteger("/Width"), image.Elements.GetInteger("/Height"));
            output.WriteLine($"embedded {width} x {height}");
            Assert.InRange(Math.Max(width, height), 800, 1600);
        }
    }

    private static byte[] LargePhoto(int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(90, 140, 200));
        Cv2.Circle(image, new Point(width / 2, height / 2), Math.Min(width, height) / 3, new Scalar(30, 30, 30), -1);
        return TestPhotos.Encode(image, 90);
    }

    private static List<PdfDictionary> Images(PdfPage page)
    {
        var xObjects = page.Resources.Elements.GetDictionary("/XObject");
        return (xObjects?.Elements.Keys ?? []).Select(k => xObjects!.Elements.GetDictionary(k))
            .OfType<PdfDictionary>().Where(d => d.Elements.GetName("/Subtype") == "/Image").ToList();
    }

    // The face is embedded (FontFile2) and subset: a few glyphs, not the 4.6 MB face.
    private static bool EmbeddedFont(PdfPage page)
    {
        var fonts = page.Resources.Elements.GetDictionary("/Font")!;
        var font = fonts.Elements.GetDictionary(fonts.Elements.Keys.First())!;
        var descendant = font.Elements.GetArray("/DescendantFonts")!.Elements.GetDictionary(0)!;
        var descriptor = descendant.Elements.GetDictionary("/FontDescriptor")!;
        var file = descriptor.Elements.GetDictionary("/FontFile2");
        return descendant.Elements.GetName("/BaseFont").Contains("WenQuanYi", StringComparison.Ordinal)
            && file?.Stream is { } stream && stream.Length < 1_000_000;
    }
}
