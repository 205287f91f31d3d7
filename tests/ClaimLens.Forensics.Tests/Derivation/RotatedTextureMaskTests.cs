using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>A straightened (rotated) copy of a finely textured listing photo: interpolation error in the
/// texture must not be marked as changed, while the painted edit still is. (A regression guard: this synthetic
/// texture is mild enough that the mask was right before the measured texture allowance too; the dev set's
/// photographed foliage is what that change fixed.)</summary>
public sealed class RotatedTextureMaskTests
{
    private readonly ITestOutputHelper _output;

    public RotatedTextureMaskTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("rotate+12")]
    [InlineData("rotate-15")]
    public void Inspect_RotatedCopyOfFoliageLikeScene_MaskKeepsToTheEdit(string transform)
    {
        using var source = FoliageScene(31);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(source, 95), "listing.jpg");
        var (edited, mask) = Scenes.Edit(source, 31);
        var (claimImage, claimMask, bytes) = PhoneEdits.Apply(edited, mask, transform);
        using (edited) using (mask) using (claimImage) using (claimMask)
        {
            using var claim = ImageLoader.Load(bytes);
            using var report = DerivationInspector.Inspect(claim, [reference], JpegInfo.Read(bytes));
            var iou = Scenes.IoU(claimMask, report.ChangeMask);
            var truth = (double)Cv2.CountNonZero(claimMask) / claimMask.Total();
            _output.WriteLine($"{transform}: {report.Match} changed={report.ChangedFraction:F4} truth={truth:F4} IoU={iou:F2}");

            Assert.NotNull(report.Finding);
            Assert.True(report.ChangedFraction < 2 * truth, $"changed {report.ChangedFraction:P1} for an edit of {truth:P1}");
            Assert.True(iou >= 0.5, $"IoU {iou:F2}");
        }
    }

    // Scene plus dense fine twigs: thin dark and light lines, 1-2 px wide, everywhere.
    private static Mat FoliageScene(int seed)
    {
        var img = Scenes.Create(seed);
        var rng = new Random(seed);
        for (var i = 0; i < 2500; i++)
        {
            var p = new Point(rng.Next(img.Width), rng.Next(img.Height));
            var q = new Point(p.X + rng.Next(-25, 26), p.Y + rng.Next(-25, 26));
            var shade = rng.Next(2) == 0 ? rng.Next(0, 60) : rng.Next(190, 256);
            Cv2.Line(img, p, q, Scalar.All(shade), rng.Next(1, 3), LineTypes.AntiAlias);
        }
        return img;
    }
}
