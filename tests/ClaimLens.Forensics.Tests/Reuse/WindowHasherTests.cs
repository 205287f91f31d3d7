using System.Runtime.InteropServices;
using ClaimLens.Forensics.Reuse;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Reuse;

/// <summary><see cref="WindowHasher"/> replaced OpenCV's Resize and Dct per window; these tests hold it to them.</summary>
public sealed class WindowHasherTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(102, 32)]
    [InlineData(115, 32)]
    [InlineData(32, 9)]
    [InlineData(32, 8)]
    public void AreaWeights_EachCell_SumsToOneAndCoversEveryPixelOnce(int inputs, int outputs)
    {
        var cells = WindowHasher.AreaWeights(inputs, outputs);

        Assert.Equal(outputs, cells.Length);
        Assert.All(cells, taps => Assert.Equal(1.0, taps.Sum(t => t.Weight), 6));
        var coverage = new double[inputs];
        foreach (var taps in cells)
        {
            foreach (var (source, weight) in taps)
                coverage[source] += weight * inputs / outputs;
        }
        Assert.All(coverage, c => Assert.Equal(1.0, c, 6));
    }

    [Fact]
    public void Hash_WindowsOfDrawnScenes_EqualsOpenCvResizeAndDct()
    {
        var windows = 0;
        var differentBits = 0;
        var worst = 0;
        for (var seed = 1; seed <= 8; seed++)
        {
            using var scene = Scenes.Draw(seed);
            using var gray = new Mat();
            Cv2.CvtColor(scene, gray, ColorConversionCodes.BGR2GRAY);
            using var working = new Mat();
            Cv2.Resize(gray, working, new Size(128, 128), 0, 0, InterpolationFlags.Area);
            var hasher = new WindowHasher(working);
            var rng = new Random(seed);
            var (x, w) = (0, 0);
            for (var i = 0; i < 40; i++)
            {
                // Pairs of windows over the same columns, as the crop probes come (the hasher keeps their row pass).
                if (i % 2 == 0)
                {
                    w = rng.Next(96, 129);
                    x = rng.Next(0, 129 - w);
                }
                var h = rng.Next(96, 129);
                var window = new Rect(x, rng.Next(0, 129 - h), w, h);

                var hash = hasher.Hash(window);

                var expected = OpenCvHash(working, window);
                var distance = hash.DistanceTo(expected);
                differentBits += distance;
                worst = Math.Max(worst, distance);
                windows++;
            }
        }
        output.WriteLine($"{windows} windows: {differentBits} bits differ in all, at most {worst} in one");
        // Sums taken in another order may round a cell the other way where its average is within 1e-5 of .5.
        Assert.True(worst <= 2, $"a window's hash differs from OpenCV's in {worst} bits");
        Assert.True(differentBits <= windows / 20, $"{differentBits} bits differ over {windows} windows");
    }

    [Fact]
    public void Hash_WindowSmallerThanTheHashGrid_Throws()
    {
        using var working = new Mat(128, 128, MatType.CV_8UC1, Scalar.All(90));
        var hasher = new WindowHasher(working);

        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.Hash(new Rect(0, 0, 31, 64)));
    }

    // The definition the fingerprints were first computed by: OpenCV's area shrink to 32 x 32 (8-bit), its DCT, the
    // 8 x 8 low frequencies without DC plus (0, 8) against their median; the dHash from a 9 x 8 area shrink.
    private static PerceptualHash OpenCvHash(Mat working, Rect window)
    {
        using var region = new Mat(working, window);
        using var small = new Mat();
        Cv2.Resize(region, small, new Size(32, 32), 0, 0, InterpolationFlags.Area);
        using var real = new Mat();
        small.ConvertTo(real, MatType.CV_32F);
        using var dct = new Mat();
        Cv2.Dct(real, dct);
        var values = new float[32 * 32];
        Marshal.Copy(dct.Data, values, 0, values.Length);
        var coefficients = new List<float>();
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                if (u != 0 || v != 0)
                    coefficients.Add(values[v * 32 + u]);
            }
        }
        coefficients.Add(values[8]);
        var sorted = coefficients.Order().ToList();
        var median = (sorted[31] + sorted[32]) / 2;
        ulong value = 0;
        for (var i = 0; i < 64; i++)
        {
            if (coefficients[i] > median)
                value |= 1UL << i;
        }
        using var grid = new Mat();
        Cv2.Resize(small, grid, new Size(9, 8), 0, 0, InterpolationFlags.Area);
        ulong detail = 0;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                if (grid.At<byte>(y, x + 1) > grid.At<byte>(y, x))
                    detail |= 1UL << (y * 8 + x);
            }
        }
        return new PerceptualHash(value, detail);
    }
}
