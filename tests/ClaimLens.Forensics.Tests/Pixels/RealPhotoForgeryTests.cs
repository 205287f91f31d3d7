using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Pixels;
using ClaimLens.Forensics.Report;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Pixels;

/// <summary>Sensitivity on forgeries made from the real photos (skipped when they are absent). The floors
/// sit well under the rates measured when calibrating, so they catch regressions, not noise.</summary>
public sealed class RealPhotoForgeryTests(ITestOutputHelper output)
{
    private enum Edit { Paint, Clone }

    [Fact]
    public void Inspect_PaintedPatchInRealPhotos_FoundInMost()
    {
        // Measured 26 of 35 (74%) when calibrating.
        var rate = ForgeryRate(Edit.Paint, FindingCodes.LocalNoiseInconsistency);
        Assert.True(rate is null or >= 0.5, $"painted patches found in {rate:P0}");
    }

    [Fact]
    public void Inspect_ClonedPatchInRealPhotos_FoundInSome()
    {
        // Measured 14 of 35 (40%) when calibrating: ORB finds few corners in smooth cloned areas.
        var rate = ForgeryRate(Edit.Clone, FindingCodes.CopyMove);
        Assert.True(rate is null or >= 0.25, $"clones found in {rate:P0}");
    }

    [Fact]
    public void Inspect_RealPhotosSavedOnceOrTwice_SeparatesDoubleQuantisation()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        int single = 0, singleWarned = 0, twice = 0, twiceWarned = 0;
        foreach (var path in photos)
        {
            using var small = HalfSize(path, maxSide: 1000);
            if (small is null)
                continue;
            foreach (var last in (int[])[75, 85, 90, 95])
            {
                single++;
                singleWarned += Warned(SyntheticImages.Jpeg(small, last)) ? 1 : 0;
                foreach (var first in ((int[])[50, 60, 70, 80]).Where(q => q < last))
                {
                    twice++;
                    twiceWarned += Warned(SyntheticImages.JpegTwice(small, first, last)) ? 1 : 0;
                }
            }
        }
        output.WriteLine($"single-compressed warned: {singleWarned} of {single}; double-compressed found: {twiceWarned} of {twice}");
        // Measured 0 of 144 and 479 of 540 (89%) when calibrating.
        Assert.True(singleWarned <= single * 0.02);
        Assert.True(twiceWarned >= twice * 0.8);
    }

    private double? ForgeryRate(Edit edit, string code)
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return null;
        }
        var rng = new Random(7);
        int tried = 0, found = 0;
        foreach (var path in photos)
        {
            using var img = HalfSize(path, maxSide: int.MaxValue);
            if (img is null)
                continue;
            var (w, h) = (img.Width / 6, img.Height / 6);
            var box = new Rect(rng.Next(w / 2, img.Width - w - w / 2), rng.Next(h / 2, img.Height - h - h / 2), w, h);
            using (var roi = new Mat(img, box))
            {
                if (edit == Edit.Paint)
                {
                    roi.SetTo(Cv2.Mean(roi));
                }
                else
                {
                    Rect source;
                    do
                        source = new Rect(rng.Next(0, img.Width - w), rng.Next(0, img.Height - h), w, h);
                    while ((source & box).Width > 0 || Math.Abs(source.X - box.X) < w && Math.Abs(source.Y - box.Y) < h);
                    using var copy = new Mat(img, source).Clone();
                    copy.CopyTo(roi);
                }
            }
            var bytes = SyntheticImages.Jpeg(img, 92);
            using var decoded = ImageLoader.Load(bytes);
            using var report = PixelInspector.Inspect(decoded, bytes);
            var full = new Rect((int)(box.X / decoded.Scale), (int)(box.Y / decoded.Scale), (int)(w / decoded.Scale), (int)(h / decoded.Scale));
            tried++;
            if (report.Findings.Any(f => f.Code == code && f.Details["regions"]!.AsArray().Any(r => (NoiseAnalysisTests.ToRect(r) & full).Width > 0)))
                found++;
        }
        output.WriteLine($"{edit}: found {found} of {tried}");
        return tried == 0 ? null : (double)found / tried;
    }

    private static Mat? HalfSize(string path, int maxSide)
    {
        var image = Cv2.ImDecode(File.ReadAllBytes(path), ImreadModes.ReducedColor2);
        if (image.Width < 400 || image.Height < 300)
        {
            image.Dispose();
            return null;
        }
        var factor = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        if (factor < 1)
            Cv2.Resize(image, image, new Size(), factor, factor, InterpolationFlags.Area);
        return image;
    }

    private static bool Warned(byte[] jpeg)
    {
        using var image = ImageLoader.Load(jpeg);
        return CompressionAnalysis.Inspect(image, jpeg).Finding?.Severity == Severity.Warning;
    }
}
