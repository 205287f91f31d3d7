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
