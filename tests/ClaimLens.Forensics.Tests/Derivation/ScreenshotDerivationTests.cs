using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>Edited listing photos sent as tall phone screenshots: the photo is a third of the reference's size,
/// inside a canvas of chat bars, bubbles and text that the reference does not contain.</summary>
public sealed class ScreenshotDerivationTests
{
    private readonly ITestOutputHelper _output;

    public ScreenshotDerivationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    // At 0.29 of the reference's size (seed 12) the 6 px crack is under 2 px wide and its mask is mostly
    // border: a lower IoU bound. The code before screenshots were focused missed seeds 12 and 13 and reached IoU
    // 0.29 on seed 11.
    [InlineData(11, 2340, 0.72, 0.5)]
    [InlineData(12, 2400, 0.62, 0.3)]
    [InlineData(13, 1920, 0.68, 0.5)]
    public void Inspect_EditedListingPhotoInChatScreenshot_DerivedAndEditLocated(int seed, int height, double width, double minIoU)
    {
        using var source = Scenes.Create(seed, 2048, 1536);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(source, 95), "listing.jpg");
        using var decoy = ReferenceImage.Load(Scenes.Jpeg(Scenes.Create(seed + 100, 2048, 1536), 95), "decoy.jpg");
        var (edited, mask) = Scenes.Edit(source, seed);
        using (edited)
        using (mask)
        {
            var (canvas, canvasMask, photo) = ChatScreenshot(edited, mask, height, width, seed);
            using (canvas)
            using (canvasMask)
            {
                var bytes = Scenes.Jpeg(canvas, 90);
                using var claim = ImageLoader.Load(bytes);
                using var report = DerivationInspector.Inspect(claim, [decoy, reference], JpegInfo.Read(bytes));
                var iou = Scenes.IoU(canvasMask, report.ChangeMask);
                _output.WriteLine($"{height} px, photo {width:P0} wide: {report.Match} IoU={iou:F2}");

                Assert.NotNull(report.Finding);
                Assert.Equal("listing.jpg", report.ReferenceName);
                Assert.True(iou >= minIoU, $"IoU {iou:F2} below {minIoU}");
                // The chat bars and bubbles around the photo are not the reference, but no edit of it either.
                using var working = new Mat();
                Cv2.Resize(report.ChangeMask!, working, canvas.Size(), 0, 0, InterpolationFlags.Nearest);
                using var photoArea = new Mat(working, photo);
                Assert.Equal(Cv2.CountNonZero(working), Cv2.CountNonZero(photoArea));
            }
        }
    }

    [Fact]
    public void Inspect_UneditedListingPhotoInFullWidthScreenshot_DerivedWithNothingChanged()
    {
        using var source = Scenes.Create(21, 2048, 1536);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(source, 95), "listing.jpg");
        using var empty = new Mat(source.Size(), MatType.CV_8UC1, Scalar.All(0));
        var (canvas, canvasMask, _) = ChatScreenshot(source, empty, 2340, 1.0, 21);
        using (canvas)
        using (canvasMask)
        {
            var bytes = Scenes.Jpeg(canvas, 90);
            using var claim = ImageLoader.Load(bytes);
            using var report = DerivationInspector.Inspect(claim, [reference], JpegInfo.Read(bytes));
            _output.WriteLine($"{report.Match} changed={report.ChangedFraction:F4}");

            Assert.NotNull(report.Finding);
            Assert.True(report.ChangedFraction < 0.005, $"changed {report.ChangedFraction:P2} of an unedited copy");
        }
    }

    /// <summary>1080 px wide screenshot: status and title bars, a text bubble, the photo in a bubble
    /// <paramref name="width"/> of the screen wide, a message field; the mask carried into the canvas.</summary>
    private static (Mat Canvas, Mat Mask, Rect Photo) ChatScreenshot(Mat photo, Mat mask, int height, double width, int seed)
    {
        var rng = new Random(seed);
        const int screen = 1080;
        var canvas = new Mat(new Size(screen, height), MatType.CV_8UC3, new Scalar(213, 221, 229));
        var canvasMask = new Mat(canvas.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(canvas, new Rect(0, 0, screen, 230), new Scalar(84, 94, 7), -1);
        Cv2.PutText(canvas, "12:41", new Point(40, 55), HersheyFonts.HersheySimplex, 1.1, Scalar.All(255), 2, LineTypes.AntiAlias);
        Cv2.PutText(canvas, "Shop Support", new Point(150, 170), HersheyFonts.HersheySimplex, 1.3, Scalar.All(255), 2, LineTypes.AntiAlias);
        Cv2.Rectangle(canvas, new Rect(500, 280, 540, 90), new Scalar(198, 248, 220), -1);
        Cv2.PutText(canvas, "it was broken in the box", new Point(520, 338), HersheyFonts.HersheySimplex, 1.0, Scalar.All(30), 2, LineTypes.AntiAlias);
        var w = (int)Math.Round(screen * width) - 2 * 40;
        var h = (int)Math.Round((double)w * photo.Height / photo.Width);
        var target = new Rect(screen - w - 40, 420 + rng.Next(0, 40), w, h);
        Cv2.Rectangle(canvas, new Rect(target.X - 8, target.Y - 8, w + 16, h + 60), new Scalar(198, 248, 220), -1);
        using (var small = new Mat())
        using (var smallMask = new Mat())
        using (var view = new Mat(canvas, target))
        using (var maskView = new Mat(canvasMask, target))
        {
            Cv2.Resize(photo, small, target.Size, 0, 0, InterpolationFlags.Area);
            Cv2.Resize(mask, smallMask, target.Size, 0, 0, InterpolationFlags.Area);
            Cv2.Threshold(smallMask, smallMask, 63, 255, ThresholdTypes.Binary);
            small.CopyTo(view);
            smallMask.CopyTo(maskView);
        }
        Cv2.Rectangle(canvas, new Rect(30, height - 130, screen - 200, 90), Scalar.All(255), -1);
        Cv2.PutText(canvas, "Message", new Point(70, height - 72), HersheyFonts.HersheySimplex, 1.1, Scalar.All(150), 2, LineTypes.AntiAlias);
        return (canvas, canvasMask, target);
    }
}
