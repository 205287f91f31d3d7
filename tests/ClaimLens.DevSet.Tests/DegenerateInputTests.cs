using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

public sealed class DegenerateInputTests
{
    public static TheoryData<int, int> Sizes() => new() { { 1, 1 }, { 2, 3 }, { 1, 200 }, { 200, 1 }, { 7, 5 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryOperation_TinyOrSlivers_ReturnsConsistentShapes(int width, int height)
    {
        // Bad input tried: 1×1 pictures, single rows and columns, and tiny odd sizes.
        using var image = TestImages.Textured(50, width, height);
        foreach (var kind in Enum.GetValues<ForgeryKind>())
        {
            var (edited, mask) = Forgery.Apply(image, kind, new Random(1), 0.05);
            using (edited)
            using (mask)
            using (var outside = TestImages.Inverse(mask))
            {
                Assert.Equal(image.Size(), edited.Size());
                Assert.Equal(image.Size(), mask.Size());
                Assert.Equal(0, TestImages.MaxAbsDiff(image, edited, outside));
            }
        }
        using var empty = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
        foreach (var kind in Enum.GetValues<TransformKind>())
        {
            var (moved, mask) = PhoneTransform.Apply(image, empty, kind, new Random(2));
            using (moved)
            using (mask)
            {
                Assert.False(moved.Empty(), kind.ToString());
                Assert.Equal(moved.Size(), mask.Size());
            }
        }
        foreach (var strength in Enum.GetValues<RephotoStrength>())
        {
            using var photo = Rephotograph.Simulate(image, new Random(3), strength);
            Assert.Equal(image.Size(), photo.Size());
        }
    }
}
