using ClaimLens.Forensics.Tests;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.DevSet.Tests;

public sealed class RealPhotoTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_EveryKindOnEveryRealPhoto_MaskIsExactAndNearTheTarget()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        var misses = new List<string>();
        var index = 0;
        foreach (var path in photos)
        {
            using var full = Cv2.ImRead(path, ImreadModes.Color);
            if (full.Empty()) continue;
            // Small copies keep the test quick; real content (dark scenes, defocused backgrounds, depth maps)
            // is what matters here.
            var scale = Math.Min(1.0, 400.0 / Math.Max(full.Width, full.Height));
            using var photo = new Mat();
            Cv2.Resize(full, photo, new Size(Math.Max(1, (int)(full.Width * scale)), Math.Max(1, (int)(full.Height * scale))), 0, 0, InterpolationFlags.Area);
            foreach (var kind in Enum.GetValues<ForgeryKind>())
            {
                const double target = 0.02;
                var (image, mask) = Forgery.Apply(photo, kind, new Random(index++), target);
                using (image)
                using (mask)
                using (var outside = TestImages.Inverse(mask))
                {
                    Assert.Equal(0, TestImages.MaxAbsDiff(photo, image, outside));
                    var fraction = TestImages.Fraction(mask);
                    if (fraction < target / 2 || fraction > target * 2)
                    {
                        misses.Add($"{Path.GetFileName(path)} {kind}: {fraction:F4}");
                    }
                }
            }
        }
        foreach (var miss in misses) output.WriteLine(miss);
        // Honest masks can fall short on content an edit barely moves; allow a few such photos, not many.
        Assert.True(misses.Count <= photos.Count * 8 / 50, $"{misses.Count} edits missed the target area: {string.Join(", ", misses)}");
    }
}
