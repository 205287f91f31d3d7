using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary><see cref="DerivationMatch.Homography"/> maps full-resolution reference pixels to full-resolution claim
/// pixels, whatever the working and analysis resolutions on either side.</summary>
public sealed class DerivationHomographyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inspect_KnownSimilarityCopy_HomographyMapsReferencePixelsToClaimPixels(bool throughAnalyzer)
    {
        // A 2400 x 1800 reference (decoded at half size, analysed at 1024) and an edited copy of it scaled by 0.8,
        // turned 7 degrees and shifted, 1800 x 1400 (analysed at 1024): every resampling between the two is in play.
        using var source = Scenes.Create(5, 2400, 1800);
        var (edited, mask) = Scenes.Edit(source, 3);
        using (mask)
        using (edited)
        {
            using var forward = Cv2.GetRotationMatrix2D(new Point2f(1200, 900), 7, 0.8);
            forward.Set(0, 2, forward.At<double>(0, 2) - 150);
            forward.Set(1, 2, forward.At<double>(1, 2) - 120);
            using var claimImage = new Mat();
            Cv2.WarpAffine(edited, claimImage, forward, new Size(1800, 1400), InterpolationFlags.Area, BorderTypes.Reflect101);
            var claimBytes = Scenes.Jpeg(claimImage, 92);
            using var reference = ReferenceImage.Load(Scenes.Jpeg(source, 92), "listing.jpg");
            Assert.True(reference.Image.Bgr.Width < reference.Image.Width, "the reference is not reduced: the test would not cover the resampling");

            IReadOnlyList<double> h;
            if (throughAnalyzer)
            {
                using var result = EvidenceAnalyzer.Analyze(claimBytes, new AnalysisOptions { References = [reference] });
                Assert.NotNull(result.Derivation);
                Assert.True(result.Derivation.Derived);
                h = result.Derivation.Homography;
            }
            else
            {
                using var claim = ImageLoader.Load(claimBytes);
                using var report = DerivationInspector.Inspect(claim, [reference], JpegInfo.Read(claimBytes));
                Assert.NotNull(report.Match);
                h = report.Match.Homography;
            }

            Assert.Equal(9, h.Count);
            var worst = 0.0;
            foreach (var (x, y) in new[] { (700.0, 500.0), (1700.0, 500.0), (1200.0, 900.0), (700.0, 1300.0), (1700.0, 1300.0) })
            {
                var ex = forward.At<double>(0, 0) * x + forward.At<double>(0, 1) * y + forward.At<double>(0, 2);
                var ey = forward.At<double>(1, 0) * x + forward.At<double>(1, 1) * y + forward.At<double>(1, 2);
                var w = h[6] * x + h[7] * y + h[8];
                var (ax, ay) = ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
                worst = Math.Max(worst, Math.Sqrt((ax - ex) * (ax - ex) + (ay - ey) * (ay - ey)));
            }
            output.WriteLine($"largest error of the homography: {worst:0.000} claim pixels");
            Assert.True(worst < 1.0, $"the homography misplaces reference pixels by up to {worst:0.00} claim pixels");
        }
    }
}
