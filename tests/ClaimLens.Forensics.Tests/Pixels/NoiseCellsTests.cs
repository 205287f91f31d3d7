using ClaimLens.Forensics.Pixels;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Pixels;

/// <summary><see cref="NoiseAnalysis.MeasureCells"/> counts tiles and adds four per window; these tests hold it to
/// the definition, a direct count over each 32 x 32 window.</summary>
public sealed class NoiseCellsTests
{
    private const int Window = 32;
    private const int Stride = 16;

    [Theory]
    [InlineData(96, 96, 1)]
    [InlineData(517, 301, 2)] // sizes that leave a ragged edge no window covers
    [InlineData(640, 480, 3)]
    public void MeasureCells_RandomPlanes_EqualsTheDirectWindowMedians(int width, int height, int seed)
    {
        using var gray = RandomPlane(width, height, seed, 0, 256);
        using var residual = RandomPlane(width, height, seed + 100, 0, 40);
        using var texture = RandomPlane(width, height, seed + 200, 0, 30);
        // Clipped corners and dark bands, so some windows are invalid and some pixels are left out.
        gray[new Rect(0, 0, width / 3, height / 4)].SetTo(Scalar.All(3));
        gray[new Rect(width / 2, height / 2, width / 2, 20)].SetTo(Scalar.All(250));
        var cols = (width - Window) / Stride + 1;
        var rows = (height - Window) / Stride + 1;

        var cells = NoiseAnalysis.MeasureCells(gray, residual, texture, 12, cols, rows);

        var expected = Direct(gray, residual, texture, 12, cols, rows);
        Assert.Contains(expected.Cast<NoiseAnalysis.Cell>(), c => !c.Valid);
        Assert.Contains(expected.Cast<NoiseAnalysis.Cell>(), c => c.Valid);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
                Assert.True(expected[r, c] == cells[r, c], $"window ({c}, {r}): {cells[r, c]} instead of {expected[r, c]}");
        }
    }

    private static Mat RandomPlane(int width, int height, int seed, int low, int high)
    {
        var plane = new Mat(height, width, MatType.CV_8UC1);
        var rng = new Random(seed);
        var bytes = new byte[width * height];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)rng.Next(low, high);
        plane.SetArray(bytes);
        return plane;
    }

    // The definition: per window, the median residual of its pixels that are neither clipped nor textured (the
    // median of a histogram is NoiseAnalysis's own: what is under test is which pixels each window counts).
    private static NoiseAnalysis.Cell[,] Direct(Mat gray, Mat residual, Mat texture, int textureLimit, int cols, int rows)
    {
        var cells = new NoiseAnalysis.Cell[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var histogram = new int[256];
                var used = 0;
                long sum = 0;
                for (var y = r * Stride; y < r * Stride + Window; y++)
                {
                    for (var x = c * Stride; x < c * Stride + Window; x++)
                    {
                        var v = gray.At<byte>(y, x);
                        sum += v;
                        if (v is < 8 or > 247 || texture.At<byte>(y, x) > textureLimit)
                            continue;
                        histogram[residual.At<byte>(y, x)]++;
                        used++;
                    }
                }
                var mean = sum / (double)(Window * Window);
                var valid = used >= Window * Window / 5 && mean is >= 24 and <= 232;
                cells[r, c] = new NoiseAnalysis.Cell(valid, valid ? NoiseAnalysis.Median(histogram, used) : 0);
            }
        }
        return cells;
    }
}
