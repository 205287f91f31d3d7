using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class PerspectiveWarpTests
{
    // Source sizes (odd, tiny, wider than a 64-pixel tile), destination sizes, and maps: a shift by whole and
    // sub-pixels, a rotation, a reduction, a perspective, and maps that leave the source on every side.
    public static TheoryData<int, int, int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int, int, int>();
        var sizes = new[] { (97, 61, 101, 67), (300, 200, 257, 190), (5, 3, 40, 30), (200, 150, 70, 9) };
        for (var s = 0; s < sizes.Length; s++)
        {
            for (var map = 0; map < 6; map++)
                data.Add(sizes[s].Item1, sizes[s].Item2, sizes[s].Item3, sizes[s].Item4, s * 10 + map);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Linear_EqualsOpenCvBitForBit(int sourceWidth, int sourceHeight, int width, int height, int seed)
    {
        var h = Map(seed, sourceWidth, sourceHeight, width, height);
        foreach (var channels in new[] { 1, 3 })
        {
            using var source = RandomPlanes(sourceWidth, sourceHeight, channels, seed);
            foreach (var border in new[] { BorderTypes.Constant, BorderTypes.Replicate })
            {
                // The forward map, as AlignedReference passes it (OpenCV inverts it), and the inverse map as the refiner does.
                using var m = Projective.ToMat(h, MatType.CV_64FC1);
                using var expected = new Mat();
                Cv2.WarpPerspective(source, expected, m, new Size(width, height), InterpolationFlags.Linear, border, Scalar.All(0));
                using var actual = PerspectiveWarp.Linear(source, PerspectiveWarp.InverseMap(h)!, new Size(width, height), border);
                AssertBitEqual(expected, actual, $"{channels} channels, {border}, forward map");

                using var inverseExpected = new Mat();
                Cv2.WarpPerspective(source, inverseExpected, m, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, border, Scalar.All(0));
                using var inverseActual = PerspectiveWarp.Linear(source, h, new Size(width, height), border);
                AssertBitEqual(inverseExpected, inverseActual, $"{channels} channels, {border}, inverse map");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Footprint_EqualsOpenCvsNearestWarpOfWhite(int sourceWidth, int sourceHeight, int width, int height, int seed)
    {
        var h = Map(seed, sourceWidth, sourceHeight, width, height);
        using var white = new Mat(sourceHeight, sourceWidth, MatType.CV_8UC1, Scalar.All(255));
        using var m = Projective.ToMat(h, MatType.CV_64FC1);
        using var expected = new Mat();
        Cv2.WarpPerspective(white, expected, m, new Size(width, height), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        using var actual = PerspectiveWarp.Footprint(white.Size(), PerspectiveWarp.InverseMap(h)!, new Size(width, height));
        expected.GetArray(out byte[] e);
        actual.GetArray(out byte[] a);
        Assert.Equal(e, a);
    }

    // Source to destination maps. The destination frame is about the source's size, so most maps cover part of
    // it and leave part black.
    private static double[] Map(int seed, int sourceWidth, int sourceHeight, int width, int height)
    {
        var rng = new Random(seed);
        var (sx, sy) = ((double)width / sourceWidth, (double)height / sourceHeight);
        var shift = (rng.NextDouble() - 0.5) * 0.3 * width;
        var angle = (rng.NextDouble() - 0.5) * 0.6;
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        return (seed % 10) switch
        {
            0 => [1, 0, 3, 0, 1, -2, 0, 0, 1],
            1 => [1, 0, 0.37 + shift, 0, 1, -0.81, 0, 0, 1],
            2 => [sx * cos, -sx * sin, shift + width * 0.1, sy * sin, sy * cos, -shift * 0.5, 0, 0, 1],
            3 => [sx * 0.61, 0.003, 1.7, -0.002, sy * 0.59, 2.3, 0, 0, 1],
            4 => [sx * cos, -sx * sin, shift, sy * sin, sy * cos, 4.2, 4e-4 * rng.NextDouble(), -6e-4 * rng.NextDouble(), 1],
            _ => [-sx * 1.3, 0.05, width * 1.2, 0.04, -sy * 1.25, height * 1.1, -2e-4, 3e-4, 1],
        };
    }

    private static Mat RandomPlanes(int width, int height, int channels, int seed)
    {
        var rng = new Random(seed + 1000);
        var planes = new Mat[channels];
        for (var c = 0; c < channels; c++)
        {
            var values = new float[width * height];
            for (var i = 0; i < values.Length; i++)
                values[i] = (float)((rng.NextDouble() * 300) - 20);
            planes[c] = new Mat(height, width, MatType.CV_32FC1);
            planes[c].SetArray(values);
        }
        var mat = new Mat();
        Cv2.Merge(planes, mat);
        foreach (var plane in planes)
            plane.Dispose();
        return mat;
    }

    private static void AssertBitEqual(Mat expected, Mat actual, string what)
    {
        Assert.Equal(expected.Size(), actual.Size());
        Assert.Equal(expected.Type(), actual.Type());
        using var e = expected.Reshape(1);
        using var a = actual.Reshape(1);
        e.GetArray(out float[] ev);
        a.GetArray(out float[] av);
        var differing = Enumerable.Range(0, ev.Length).Count(i => BitConverter.SingleToInt32Bits(ev[i]) != BitConverter.SingleToInt32Bits(av[i]));
        Assert.True(differing == 0, $"{what}: {differing} of {ev.Length} values differ");
    }
}
