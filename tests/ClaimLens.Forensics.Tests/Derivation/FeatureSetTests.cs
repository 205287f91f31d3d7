using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class FeatureSetTests
{
    [Fact]
    public void Detect_DimPicture_FindsFeaturesOnTheStretchedGreys()
    {
        // The scene at a tenth of its contrast on black, as the moon sits on a night sky: FAST's threshold of 12 grey
        // levels finds next to nothing in it.
        using var dim = Dim(Scenes.Create(51), 0.1);
        using var gray = new Mat();
        Cv2.CvtColor(dim, gray, ColorConversionCodes.BGR2GRAY);

        var features = FeatureSet.Detect(gray, FeatureSet.ClaimFeatures);

        Assert.True(features.Count >= FeatureSet.ClaimFeatures / 4, $"{features.Count} features");
    }

    [Fact]
    public void Inspect_TurnedCopyOfADimPicture_IsDerived()
    {
        using var scene = Dim(Scenes.Create(52), 0.1);
        using var reference = ReferenceImage.Load(Scenes.Jpeg(scene, 95), "listing.jpg");
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(scene.Width / 2f, scene.Height / 2f), 9, 1);
        using var turned = new Mat();
        Cv2.WarpAffine(scene, turned, rotation, scene.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        var bytes = Scenes.Jpeg(turned, 92);
        using var claim = ImageLoader.Load(bytes);

        using var report = DerivationInspector.Inspect(claim, [reference], JpegInfo.Read(bytes));

        Assert.NotNull(report.Match);
        Assert.NotNull(report.Finding);
    }

    private static Mat Dim(Mat scene, double contrast)
    {
        var dim = new Mat();
        scene.ConvertTo(dim, MatType.CV_8UC3, contrast);
        scene.Dispose();
        return dim;
    }
}
