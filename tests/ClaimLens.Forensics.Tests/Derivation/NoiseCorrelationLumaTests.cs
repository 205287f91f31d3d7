using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class NoiseCorrelationLumaTests
{
    [Theory]
    [InlineData(1, 250, 170, 16, true)] // the same noise: the plain correlation
    [InlineData(2, 250, 170, 16, false)] // independent noise: low enough for the simulated copy to run
    [InlineData(3, 131, 77, 8, false)]
    public void MeasureLuma_OnTheComparisonPlanes_EqualsMeasureOnThePictures(int seed, int width, int height, int blockSize, bool sameNoise)
    {
        using var reference = Picture(width, height, seed, seed);
        using var claim = Picture(width, height, seed, sameNoise ? seed : seed + 50);
        using var valid = new Mat(height, width, MatType.CV_8UC1, Scalar.All(255));
        Cv2.Rectangle(valid, new Rect(0, 0, width / 3, height / 2), Scalar.All(0), -1);
        using var bgr = new Mat();
        using var luma = new Mat();
        Cv2.ExtractChannel(claim, luma, 0);
        luma.ConvertTo(bgr, MatType.CV_8UC1);
        var jpeg = JpegInfo.Read(bgr.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 85)));

        var expected = NoiseCorrelation.Measure(claim, reference, valid, blockSize, 2.0, jpeg, 1.5, jpeg, 1.2);
        using var planes = ComparisonPlanes.Create(claim, reference, blockSize)!;
        var actual = NoiseCorrelation.MeasureLuma(planes.Claim[0], planes.Reference[0], valid, blockSize, 2.0, jpeg, 1.5, jpeg, 1.2);

        Assert.False(double.IsNaN(expected.Correlation));
        Assert.Equal(expected, actual);
    }

    // Y, Cr, Cb planes (0..255) of a smooth scene plus grain.
    private static Mat Picture(int width, int height, int sceneSeed, int noiseSeed)
    {
        var scene = new Random(sceneSeed);
        var noise = new Random(noiseSeed);
        var (fx, fy) = (scene.NextDouble() * 0.1, scene.NextDouble() * 0.1);
        var planes = new Mat[3];
        for (var c = 0; c < 3; c++)
        {
            var values = new float[width * height];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                    values[(y * width) + x] = (float)(128 + (60 * Math.Sin((fx * x) + (fy * y) + c)) + (noise.NextDouble() * 8) - 4);
            }
            planes[c] = new Mat(height, width, MatType.CV_32FC1);
            planes[c].SetArray(values);
        }
        var picture = new Mat();
        Cv2.Merge(planes, picture);
        foreach (var plane in planes)
            plane.Dispose();
        return picture;
    }
}
