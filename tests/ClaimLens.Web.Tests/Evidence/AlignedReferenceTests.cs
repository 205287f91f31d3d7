using System.Net;
using ClaimLens.DevSet;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>The reference warped into a derived photo's frame: what the reviewer blinks against the photo.</summary>
public sealed class AlignedReferenceTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task DerivedPhoto_AlignedReference_MatchesOutsideTheEdit_DiffersInside_AndAnalysingAgainChangesNothing(string provider)
    {
        // A listing photo; the forgery: a crack painted in, turned a few degrees and cropped, halved, re-saved.
        using var listing = ProductPhoto.Draw(1600, 1200);
        var rng = new Random(11);
        var (forged, truth) = Forgery.Apply(listing, ForgeryKind.Crack, rng, 0.03);
        var (phone, phoneTruth) = PhoneTransform.Apply(forged, truth, TransformKind.RotateSmall, rng);
        forged.Dispose();
        truth.Dispose();
        using var claimImage = phone;
        using var claimTruth = phoneTruth;

        await using var desk = await DeskHost.StartAsync(provider);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1", TestPhotos.Encode(listing, 92));
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", Delivered);
        var claimId = await merchant.FileClaimOkAsync("A-1", "LOCK-S1", 899m, TestPhotos.Encode(claimImage, 85));
        await desk.DrainAsync();

        var photo = await desk.WithDbAsync(db => db.EvidencePhotos.AsNoTracking().SingleAsync(p => p.ClaimId == claimId));
        Assert.NotNull(photo.MatchedReferenceSha256);
        Assert.NotNull(photo.AlignedReferenceSha256);
        var store = desk.Services.GetRequiredService<MediaStore>();
        using var aligned = Cv2.ImDecode(await store.ReadAllAsync(photo.AlignedReferenceSha256, CancellationToken.None), ImreadModes.Color);
        using (var heatmap = Cv2.ImDecode(await store.ReadAllAsync(photo.HeatmapSha256!, CancellationToken.None), ImreadModes.Color))
            Assert.Equal(heatmap.Size(), aligned.Size());

        // The claim and its ground-truth mask in the aligned reference's frame; compare where the reference reaches.
        using var claim = new Mat();
        Cv2.Resize(claimImage, claim, aligned.Size(), 0, 0, InterpolationFlags.Area);
        using var edited = new Mat();
        Cv2.Resize(claimTruth, edited, aligned.Size(), 0, 0, InterpolationFlags.Area);
        Cv2.Threshold(edited, edited, 0, 255, ThresholdTypes.Binary);
        using var near = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(9, 9)))
            Cv2.Dilate(edited, near, kernel);
        using var covered = new Mat();
        using (var gray = new Mat())
        {
            Cv2.CvtColor(aligned, gray, ColorConversionCodes.BGR2GRAY);
            Cv2.Threshold(gray, covered, 0, 255, ThresholdTypes.Binary);
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(7, 7));
            Cv2.Erode(covered, covered, kernel);
        }
        using var outside = new Mat();
        Cv2.BitwiseNot(near, outside);
        Cv2.BitwiseAnd(outside, covered, outside);
        using var inside = new Mat();
        Cv2.BitwiseAnd(edited, covered, inside);
        using var diff = new Mat();
        Cv2.Absdiff(claim, aligned, diff);
        using var diffGray = new Mat();
        Cv2.CvtColor(diff, diffGray, ColorConversionCodes.BGR2GRAY);
        var outsideMean = Cv2.Mean(diffGray, outside).Val0;
        var insideMean = Cv2.Mean(diffGray, inside).Val0;
        output.WriteLine($"mean abs diff: outside the edit {outsideMean:0.00}, inside {insideMean:0.00}; covered {Cv2.CountNonZero(covered)} px, edit {Cv2.CountNonZero(inside)} px");
        Assert.True(Cv2.CountNonZero(outside) > aligned.Width * aligned.Height / 2, "the reference covers too little of the frame");
        Assert.True(outsideMean < 4, $"outside the edit the aligned reference differs by {outsideMean:0.00} grey levels on average");
        Assert.True(insideMean > 4 * outsideMean + 8, $"inside the edit it differs by only {insideMean:0.00} (outside {outsideMean:0.00})");

        var response = await merchant.GetAsync($"/media/photos/{photo.Id}/aligned");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync($"/media/photos/{photo.Id}/reference-view")).StatusCode);
        Assert.Equal("image/png", (await merchant.GetAsync($"/media/photos/{photo.Id}/mask")).Content.Headers.ContentType?.MediaType);

        // The job runs again (a retry): same renderings, no new blobs.
        var blobs = await desk.WithDbAsync(db => db.MediaBlobs.CountAsync());
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PhotoAnalysis>().RunAsync(photo.Id, CancellationToken.None);
        var again = await desk.WithDbAsync(db => db.EvidencePhotos.AsNoTracking().SingleAsync(p => p.Id == photo.Id));
        Assert.Equal(photo.AlignedReferenceSha256, again.AlignedReferenceSha256);
        Assert.Equal(photo.HeatmapSha256, again.HeatmapSha256);
        Assert.Equal(blobs, await desk.WithDbAsync(db => db.MediaBlobs.CountAsync()));
    }
}
