using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

public sealed class ForgeryTests
{
    public static TheoryData<ForgeryKind, double> KindsAndAreas()
    {
        var data = new TheoryData<ForgeryKind, double>();
        foreach (var kind in Enum.GetValues<ForgeryKind>())
        {
            data.Add(kind, 0.005);
            data.Add(kind, 0.03);
            data.Add(kind, 0.08);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndAreas))]
    public void Apply_AnyKind_ChangesPixelsOnlyInsideMask(ForgeryKind kind, double area)
    {
        using var scene = TestImages.Textured(11);
        var (image, mask) = Forgery.Apply(scene, kind, new Random(3), area);
        using (image)
        using (mask)
        using (var outside = TestImages.Inverse(mask))
        {
            Assert.Equal(0, TestImages.MaxAbsDiff(scene, image, outside));
            Assert.True(Cv2.CountNonZero(mask) > 0, $"{kind} changed nothing");
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndAreas))]
    public void Apply_AnyKind_MaskAreaWithinFactorTwoOfTarget(ForgeryKind kind, double area)
    {
        using var scene = TestImages.Textured(12, 640, 480);
        var (image, mask) = Forgery.Apply(scene, kind, new Random(4), area);
        using (image)
        using (mask)
        {
            var fraction = TestImages.Fraction(mask);
            Assert.InRange(fraction, area / 2, area * 2);
        }
    }

    [Theory]
    [InlineData(ForgeryKind.Crack)]
    [InlineData(ForgeryKind.Stain)]
    [InlineData(ForgeryKind.Clone)]
    public void Apply_MaskPixels_MovedMoreThanThreshold(ForgeryKind kind)
    {
        using var scene = TestImages.Textured(13);
        var (image, mask) = Forgery.Apply(scene, kind, new Random(5), 0.02);
        using (image)
        using (mask)
        using (var diff = new Mat())
        {
            Cv2.Absdiff(scene, image, diff);
            var channels = Cv2.Split(diff);
            using var max = new Mat();
            Cv2.Max(channels[0], channels[1], max);
            Cv2.Max(max, channels[2], max);
            foreach (var c in channels) c.Dispose();
            Cv2.MinMaxLoc(max, out double minInside, out _, out _, out _, mask);
            Assert.True(minInside > 8, $"a mask pixel moved only {minInside} grey levels");
        }
    }

    [Fact]
    public void Apply_SameSeed_SameResult_InputUntouched()
    {
        using var scene = TestImages.Textured(14);
        using var copy = scene.Clone();
        var (a, am) = Forgery.Apply(scene, ForgeryKind.Tear, new Random(9), 0.03);
        var (b, bm) = Forgery.Apply(scene, ForgeryKind.Tear, new Random(9), 0.03);
        using (a) using (am) using (b) using (bm)
        {
            Assert.Equal(0, TestImages.MaxAbsDiff(a, b));
            Assert.Equal(0, TestImages.MaxAbsDiff(scene, copy));
        }
    }

    [Fact]
    public void Apply_TinyImage_StillProducesMatchingMask()
    {
        // Bad input tried: a 32×24 picture, far smaller than any edit's natural size.
        using var scene = TestImages.Textured(15, 32, 24);
        var (image, mask) = Forgery.Apply(scene, ForgeryKind.Crack, new Random(1), 0.05);
        using (image)
        using (mask)
        using (var outside = TestImages.Inverse(mask))
        {
            Assert.Equal(scene.Size(), mask.Size());
            Assert.Equal(0, TestImages.MaxAbsDiff(scene, image, outside));
        }
    }

    [Fact]
    public void Apply_GreyImageOrBadArea_Throws()
    {
        // Bad input tried: a single-channel image and an area fraction of zero.
        using var grey = new Mat(new Size(64, 64), MatType.CV_8UC1, Scalar.All(100));
        using var scene = TestImages.Textured(16, 64, 64);
        Assert.Throws<ArgumentException>(() => Forgery.Apply(grey, ForgeryKind.Blur, new Random(1), 0.02));
        Assert.Throws<ArgumentOutOfRangeException>(() => Forgery.Apply(scene, ForgeryKind.Blur, new Random(1), 0));
    }
}
