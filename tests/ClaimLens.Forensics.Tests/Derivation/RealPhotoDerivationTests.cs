using ClaimLens.DevSet;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class RealPhotoDerivationTests(ITestOutputHelper output)
{
    [Fact]
    public void Inspect_EditedRealPhotoAmongOtherRealPhotos_FindsItsSource()
    {
        var photos = TestData.Photos().Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).Take(4).ToArray();
        if (photos.Length < 3)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        var references = photos.Select(p => ReferenceImage.Load(File.ReadAllBytes(p), Path.GetFileName(p))).ToList();
        try
        {
            var source = references[1];
            var (edited, mask) = Scenes.Edit(source.Image.Bgr, 5);
            var (claimImage, claimMask, bytes) = PhoneEdits.Apply(edited, mask, "rotate+12");
            using (edited) using (mask) using (claimImage) using (claimMask)
            {
                using var claim = ImageLoader.Load(bytes);
                using var report = DerivationInspector.Inspect(claim, references, JpegInfo.Read(bytes));
                var iou = Scenes.IoU(claimMask, report.ChangeMask);
                output.WriteLine($"{report.Match} IoU={iou:F2}");

                Assert.NotNull(report.Finding);
                Assert.Equal(source.Name, report.ReferenceName);
                Assert.True(iou >= 0.3, $"IoU {iou:F2}");
            }
        }
        finally
        {
            foreach (var r in references)
                r.Dispose();
        }
    }

    /// <summary>A small mirrored copy (141 × 116 px) whose straight features still match the source by a handful
    /// of coincidences: that weak straight match must not stop the mirrored search (the dev set's Olympus
    /// "mirror" rows were missed that way). Edits and transform come from the dev set's own generators; the two seeds
    /// are two of the 64 tried whose straight pass matches by coincidence, which the earlier search missed.</summary>
    [Theory]
    [InlineData(ForgeryKind.Blur, 1)]
    [InlineData(ForgeryKind.ColorShift, 3)]
    public void Inspect_SmallMirroredCopyWithWeakStraightMatch_FindsMirroredSource(ForgeryKind kind, int seed)
    {
        var path = TestData.Find("photos/Olympus_C3030Z.jpg");
        if (path is null)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        using var source = ReferenceImage.Load(File.ReadAllBytes(path), "listing.jpg");
        var rng = new Random(seed);
        var (edited, mask) = Forgery.Apply(source.Image.Bgr, kind, rng, 0.03);
        var (claimImage, claimMask) = PhoneTransform.Apply(edited, mask, TransformKind.Mirror, rng);
        using (edited) using (mask) using (claimImage) using (claimMask)
        {
            var bytes = Scenes.Jpeg(claimImage, 90);
            using var claim = ImageLoader.Load(bytes);
            using var report = DerivationInspector.Inspect(claim, [source], JpegInfo.Read(bytes));
            output.WriteLine($"{report.Match}");

            Assert.NotNull(report.Finding);
            Assert.True(report.Match!.Mirrored);
        }
    }

    [Fact]
    public void Inspect_DifferentRealPhotos_NeverDerived()
    {
        var photos = TestData.Photos().Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).Take(6).ToArray();
        if (photos.Length < 4)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        var references = photos.Take(3).Select(p => ReferenceImage.Load(File.ReadAllBytes(p), Path.GetFileName(p))).ToList();
        try
        {
            foreach (var path in photos.Skip(3))
            {
                var bytes = File.ReadAllBytes(path);
                using var claim = ImageLoader.Load(bytes);
                using var report = DerivationInspector.Inspect(claim, references, JpegInfo.Read(bytes));
                Assert.Null(report.Finding);
            }
        }
        finally
        {
            foreach (var r in references)
                r.Dispose();
        }
    }
}
