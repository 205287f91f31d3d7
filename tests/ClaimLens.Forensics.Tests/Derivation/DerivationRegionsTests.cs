using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class DerivationRegionsTests
{
    [Theory]
    [InlineData(1, 1000, 750, 3, 0)] // a few edits, as a forged claim has
    [InlineData(2, 1000, 750, 40, 0)] // more components than are reported, many of the same area
    [InlineData(3, 333, 211, 25, 0)] // odd sizes, components at every edge
    [InlineData(4, 64, 48, 0, 0)] // an empty mask
    [InlineData(5, 1000, 750, 40, 101)] // the changed box starting on odd coordinates, away from the edges
    [InlineData(6, 333, 211, 30, 37)]
    [InlineData(7, 1000, 750, 60, 203)]
    public void Regions_LabellingTheChangedBox_EqualsLabellingTheWholeMask(int seed, int width, int height, int blobs, int margin)
    {
        using var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        var rng = new Random(seed);
        for (var i = 0; i < blobs; i++)
        {
            // Equal rectangles (ties in area, so the order of labelling decides), odd-placed dots and diagonal
            // chains (8-connected only), some touching the edges.
            var (x, y) = margin == 0 ? (rng.Next(-3, width), rng.Next(-3, height)) : (rng.Next(margin, width - 20), rng.Next(margin, height - 20));
            switch (i % 4)
            {
                case 0:
                    Cv2.Rectangle(mask, new Rect(x, y, 4, 3), Scalar.All(255), -1);
                    break;
                case 1:
                    mask.Set(Math.Clamp(y, 0, height - 1), Math.Clamp(x, 0, width - 1), (byte)255);
                    break;
                case 2:
                    for (var k = 0; k < 7; k++)
                        mask.Set(Math.Clamp(y + k, 0, height - 1), Math.Clamp(x + k, 0, width - 1), (byte)255);
                    break;
                default:
                    Cv2.Circle(mask, new Point(x, y), rng.Next(1, 12), Scalar.All(255), -1);
                    break;
            }
        }
        Assert.Equal(WholeMask(mask, 4.032, 4.0), DerivationFinding.Regions(mask, 4.032, 4.0));
    }

    [Fact]
    public void Regions_TiedComponentsAcrossABlockRow_KeepTheWholeMasksOrder()
    {
        // Two single pixels, (10, 5) and (2, 6): OpenCV labels rows 4-5 before rows 6-7, so (10, 5) comes first; a
        // box labelled from row 5 would pair rows 5-6 and put (2, 6) first.
        using var mask = new Mat(20, 20, MatType.CV_8UC1, Scalar.All(0));
        mask.Set(5, 10, (byte)255);
        mask.Set(6, 2, (byte)255);
        Assert.Equal(WholeMask(mask, 1, 1), DerivationFinding.Regions(mask, 1, 1));
    }

    // DerivationFinding.Regions before session 7: the whole mask labelled.
    private static List<Rect> WholeMask(Mat mask, double toFullX, double toFullY)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var boxes = new List<(int Area, Rect Box)>();
        for (var label = 1; label < count; label++)
        {
            var x = stats.At<int>(label, (int)ConnectedComponentsTypes.Left);
            var y = stats.At<int>(label, (int)ConnectedComponentsTypes.Top);
            var w = stats.At<int>(label, (int)ConnectedComponentsTypes.Width);
            var h = stats.At<int>(label, (int)ConnectedComponentsTypes.Height);
            var area = stats.At<int>(label, (int)ConnectedComponentsTypes.Area);
            boxes.Add((area, new Rect((int)Math.Floor(x * toFullX), (int)Math.Floor(y * toFullY), (int)Math.Ceiling(w * toFullX), (int)Math.Ceiling(h * toFullY))));
        }
        return boxes.OrderByDescending(b => b.Area).Take(20).Select(b => b.Box).ToList();
    }
}
