using System.Text.RegularExpressions;
using ClaimLens.Browser.Tests.Infrastructure;
using ClaimLens.Browser.Tests.Pages;
using ClaimLens.DevSet;
using ClaimLens.Web.Tests.Claims;
using Microsoft.Playwright;
using OpenCvSharp;
using PdfSharp.Pdf.IO;

namespace ClaimLens.Browser.Tests;

/// <summary>The story the desk exists for, through the pages only (the order comes from the merchant's platform, as
/// in life): a merchant lists a product with its photo, a buyer files a refund claim with that photo and a crack
/// painted in, the reviewer sees it was derived from the listing photo, where, and rejects it; the buyer sees the
/// outcome and the merchant takes the evidence bundle away.</summary>
[Collection(DeskCollection.Name)]
public sealed class WholeStoryTests(DeskSite site)
{
    [Fact]
    public async Task ForgedListingPhoto_FiledByTheBuyer_IsCaughtRejectedAndBundled()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var sku = $"STORY-{tag}";
        var orderNo = $"SO-{tag}";
        var seed = tag.GetHashCode(StringComparison.Ordinal) & 0xFFFF;

        // The merchant lists the product with its photo.
        var merchant = new MerchantPages(await site.OpenAsync());
        await merchant.SignInAsync("merchant@demo", site.Demo["merchant@demo"]);
        await merchant.Page.GotoAsync("/merchant/products");
        await merchant.Page.GetByLabel("SKU").FillAsync(sku);
        await merchant.Page.GetByLabel("品牌").FillAsync("SECURA");
        await merchant.Page.GetByLabel("名称").FillAsync("保险箱 S9");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "创建商品" }).ClickAsync();
        await merchant.Page.WaitForURLAsync($"**/merchant/products/{sku}");
        using var listing = ProductPhoto.Draw(1200, 900, seed);
        var listingFile = Path.Combine(site.Root, $"{sku}-main.jpg");
        Cv2.ImWrite(listingFile, listing, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        await merchant.UploadAsync("reference-files", listingFile);
        await Assertions.Expect(merchant.Page.Locator(".upload-status")).ToHaveTextAsync("上传完成。");

        // The platform sends the order; the buyer gets the order link.
        using var platform = new DemoMerchantApi(site);
        var link = await platform.OrderWithBuyerLinkAsync(sku, orderNo, 1299m);

        // The buyer files a refund-only claim with the listing photo, a crack painted in, from the gallery.
        var (forged, truth) = DemoForgery.Make(listing);
        var forgedFile = Path.Combine(site.Root, $"{sku}-IMG_0001.jpg");
        using (forged)
        using (truth)
            Cv2.ImWrite(forgedFile, forged, new ImageEncodingParam(ImwriteFlags.JpegQuality, DemoForgery.JpegQuality));
        var buyer = new BuyerClaimPage(await site.OpenAsync(360, 740, "zh-CN"));
        await buyer.OpenOrderAsync(link);
        await buyer.StartClaimAsync();
        await buyer.ChooseReasonAsync("damaged");
        await buyer.DescribeAsync("保险箱门板有裂纹");
        await buyer.AddFromGalleryAsync(forgedFile);
        await buyer.SubmitAsync();
        await buyer.Page.WaitForURLAsync(new Regex("/claims/[0-9a-f-]{36}$"));
        var statusUrl = buyer.Page.Url;

        // The merchant sees it analysed and answers within the window, which sends it to review.
        var row = await merchant.WaitForClaimAsync(orderNo);
        await row.GetByRole(AriaRole.Link, new() { Name = orderNo }).ClickAsync();
        await merchant.Page.WaitForURLAsync(new Regex("/merchant/claims/[0-9a-f-]{36}$"));
        var claimId = merchant.Page.Url[^36..];
        await merchant.Page.GetByLabel("回复内容").FillAsync("买家照片是我们的商品主图加上了裂纹。");
        await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "提交回复" }).ClickAsync();
        Assert.Equal("审核中", (await merchant.Page.Locator("#claim-status").InnerTextAsync()).Trim());

        // The reviewer sees the derivation, strongest first, with the changed region marked, and rejects.
        await ReviewAndRejectAsync(claimId, orderNo);

        // The buyer sees the outcome and its reason.
        await buyer.Page.GotoAsync(statusUrl);
        await Assertions.Expect(buyer.StatusBadge).ToHaveTextAsync("已驳回");
        await Assertions.Expect(buyer.Page.Locator("main")).ToContainTextAsync(RejectionNote);

        // The merchant downloads the Chinese bundle: a cover, one page for the photo, the audit trail.
        await merchant.Page.ReloadAsync();
        var download = await merchant.Page.RunAndWaitForDownloadAsync(() =>
            merchant.Page.GetByRole(AriaRole.Link, new() { Name = "下载证据包 PDF（中文）" }).ClickAsync());
        var pdfPath = Path.Combine(site.Root, $"{sku}.pdf");
        await download.SaveAsAsync(pdfPath);
        // PDFsharp 6.5 refuses to read until a licence is chosen; the desk uses it under the AGPL (decision 0015).
        PdfSharp.PdfSharpLicense.SetAgplLicense();
        using var pdf = PdfReader.Open(pdfPath, PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount >= 3, $"the bundle has {pdf.PageCount} pages");
        Assert.Contains(orderNo, PdfText.Of(pdf.Pages[0]), StringComparison.Ordinal);
        var photoPage = PdfText.Of(pdf.Pages[1]);
        Assert.Contains("derived_from_reference", photoPage, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(forgedFile), photoPage, StringComparison.Ordinal);
        Assert.Contains("claim.decided", string.Concat(Enumerable.Range(2, pdf.PageCount - 2).Select(i => PdfText.Of(pdf.Pages[i]))), StringComparison.Ordinal);
    }

    private const string RejectionNote = "照片由商家主图加工而成";

    private async Task ReviewAndRejectAsync(string claimId, string orderNo)
    {
        var login = await new LoginPage(await site.OpenAsync(1280, 900)).OpenAsync();
        await login.SignInAsync("reviewer@demo", site.Demo["reviewer@demo"]);
        var queue = await new ReviewQueuePage(login.Page).OpenAsync();
        await Assertions.Expect(queue.ClaimLink(Guid.Parse(claimId))).ToBeVisibleAsync();
        await queue.ClaimLink(Guid.Parse(claimId)).ClickAsync();

        var claim = new ReviewClaimPage(queue.Page);
        await Assertions.Expect(claim.Page.Locator("main")).ToContainTextAsync(orderNo);
        Assert.Equal("derived_from_reference", (await claim.FindingCodesAsync())[0]);
        // The changed region: listed with the finding, and tinted on the heat map the reviewer toggles on.
        var derivation = claim.FirstPhoto.Locator("li.finding").First;
        await Assertions.Expect(derivation.Locator(".regions")).ToContainTextAsync(new Regex(@"\d+, \d+, \d+, \d+"));
        await claim.PressAsync("h");
        await Assertions.Expect(claim.HeatMap).ToBeVisibleAsync();
        // decode() rejects when the picture cannot be loaded (a broken URL, a refused request).
        Assert.True(await claim.HeatMap.EvaluateAsync<bool>("async img => { await img.decode(); return img.naturalWidth > 0; }"));
        Assert.True(await claim.AlignedReference.EvaluateAsync<bool>("async img => { await img.decode(); return img.naturalWidth > 0; }"));
        await DeskSite.ScreenshotAsync(claim.Page, "story-review-claim");

        await claim.PressAsync("r");
        await claim.RejectReason.SelectOptionAsync("forged_evidence");
        await claim.RejectNote.FillAsync(RejectionNote);
        await claim.RejectButton.ClickAsync();
        await Assertions.Expect(claim.ConfirmDialog).ToBeVisibleAsync();
        await claim.Page.Keyboard.PressAsync("Enter");
        await claim.Page.WaitForURLAsync(url => !url.Contains(claimId, StringComparison.Ordinal));
    }
}
