using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

public sealed class PhoneTransformTests
{
    public static TheoryData<TransformKind> Kinds() => new(Enum.GetValues<TransformKind>());

    /// <summary>A textured scene with a saturated red blob where the mask is: wherever the carried mask
    /// lands, the transformed picture must be red there and almost nowhere else.</summary>
    private static (Mat Image, Mat Mask) Marked(int seed)
    {
        var image = TestImages.Textured(seed, 640, 480);
        // Keep the red unique: the texture's own reds are muted first.
        Cv2.Multiply(image, new Scalar(1, 1, 0.3), image);
        var mask = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
        var blob = new Rect(150, 180, 120, 90);
        mask.Rectangle(blob, Scalar.All(255), -1);
        image.Rectangle(blob, new Scalar(0, 0, 255), -1);
        return (image, mask);
    }

    private static Mat RedPixels(Mat image)
    {
        var red = new Mat();
        Cv2.InRange(image, new Scalar(0, 0, 170), new Scalar(90, 90, 255), red);
        return red;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Apply_AnyKind_MaskFollowsTheEditedPixels(TransformKind kind)
    {
        var (image, mask) = Marked(21);
        using (image)
        using (mask)
        {
            var (outImage, outMask) = PhoneTransform.Apply(image, mask, kind, new Random(8));
            using (outImage)
            using (outMask)
            using (var red = RedPixels(outImage))
            {
                Assert.Equal(outImage.Size(), outMask.Size());
                Assert.Equal(MatType.CV_8UC1, outMask.Type());
                var maskArea = Cv2.CountNonZero(outMask);
                Assert.True(maskArea > 0, "mask lost");
                using var both = new Mat();
                Cv2.BitwiseAnd(red, outMask, both);
                var overlap = Cv2.CountNonZero(both);
                var redArea = Cv2.CountNonZero(red);
                // Edges blur under resampling and JPEG; the bulk of each must sit on the other.
                Assert.True(overlap > 0.85 * maskArea, $"{kind}: only {overlap} of {maskArea} mask pixels are red");
                Assert.True(overlap > 0.85 * redArea, $"{kind}: only {overlap} of {redArea} red pixels are in the mask");
            }
        }
    }

    [Fact]
    public void Apply_Mirror_MaskIsFlipped()
    {
        var (image, mask) = Marked(22);
        using (image)
        using (mask)
        {
            var (outImage, outMask) = PhoneTransform.Apply(image, mask, TransformKind.Mirror, new Random(1));
            using (outImage)
            using (outMask)
            using (var flipped = new Mat())
            {
                Cv2.Flip(mask, flipped, FlipMode.Y);
                Assert.Equal(0, Cv2.Norm(flipped, outMask, NormTypes.L1));
                Assert.NotEqual(0, Cv2.Norm(mask, outMask, NormTypes.L1));
            }
        }
    }

    [Theory]
    [InlineData(TransformKind.Resize25, 0.25)]
    [InlineData(TransformKind.Resize50, 0.5)]
    public void Apply_Resize_KeepsAreaFraction(TransformKind kind, double factor)
    {
        var (image, mask) = Marked(23);
        using (image)
        using (mask)
        {
            var (outImage, outMask) = PhoneTransform.Apply(image, mask, kind, new Random(1));
            using (outImage)
            using (outMask)
            {
                Assert.Equal((int)Math.Round(image.Width * factor), outImage.Width);
                Assert.InRange(TestImages.Fraction(outMask), TestImages.Fraction(mask) * 0.9, TestImages.Fraction(mask) * 1.1);
            }
        }
    }

    [Fact]
    public void Apply_CropHalf_HalfTheAreaAndTheWholeEdit()
    {
        var (image, mask) = Marked(24);
        using (image)
        using (mask)
        {
            var (outImage, outMask) = PhoneTransform.Apply(image, mask, TransformKind.CropHalf, new Random(2));
            using (outImage)
            using (outMask)
            {
                Assert.InRange(outImage.Width * outImage.Height, image.Width * image.Height * 0.45, image.Width * image.Height * 0.55);
                Assert.True(Cv2.CountNonZero(outMask) >= 0.8 * Cv2.CountNonZero(mask));
            }
        }
    }

    [Fact]
    public void Apply_Screenshot_IsPhoneWidthAndShrinksTheEdit()
    {
        var (image, mask) = Marked(25);
        using (image)
        using (mask)
        {
            var (outImage, outMask) = PhoneTransform.Apply(image, mask, TransformKind.Screenshot, new Random(3));
            using (outImage)
            using (outMask)
            {
                Assert.Equal(1080, outImage.Width);
                Assert.True(outImage.Height > outImage.Width);
                Assert.InRange(TestImages.Fraction(outMask), 0.001, TestImages.Fraction(mask));
            }
        }
    }

    [Fact]
    public void Apply_MismatchedMask_Throws()
    {
        // Bad input tried: a mask of another size and a 3-channel mask.
        using var image = TestImages.Textured(26, 64, 48);
        using var small = new Mat(new Size(10, 10), MatType.CV_8UC1, Scalar.All(0));
        using var colour = new Mat(image.Size(), MatType.CV_8UC3, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => PhoneTransform.Apply(image, small, TransformKind.Mirror, new Random(1)));
        Assert.Throws<ArgumentException>(() => PhoneTransform.Apply(image, colour, TransformKind.Mirror, new Random(1)));
    }
}
