using ClaimLens.Forensics.Pixels;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Pixels;

public sealed class NoiseCellsTests
{
    [Theory]
    [InlineData(200, 150, 100, 1)]
    [InlineData(333, 97, 0, 2)] // sizes not a multiple of the 16 px stride; no pixel passes the texture test
    [InlineData(130, 260, 255, 3)] // every unclipped pixel passes
    public void MeasureCells_RandomPlanes_EqualsTheWindowByWindowMedian(int width, int height, int textureLimit, int seed)
    {
        // Grey levels span the clipped ends (< 8, > 247) and the dark/bright window means; residuals and
        // texture are random bytes, so medians fall on ties and between bins.
        using var gray = Random(width, height, seed, 0, 256);
        using var residual = Random(width, height, seed + 100, 0, 24);
        using var texture = Random(width, height, seed + 200, 0, 256);
        var cols = (width - 32) / 16 + 1;
        var rows = (height - 32) / 16 + 1;

        var cells = NoiseAnalysis.MeasureCells(gray, residual, texture, textureLimit, cols, rows);

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
                Assert.Equal(Expected(gray, residual, texture, textureLimit, c * 16, r * 16), cells[r, c]);
        }
    }

    // The window-by-window computation MeasureCells replaced: every pixel of the 32 x 32 window read directly.
    private static NoiseAnalysis.Cell Expected(Mat gray, Mat residual, Mat texture, int textureLimit, int x0, int y0)
    {
        var histogram = new int[256];
        int used = 0;
        long sum = 0;
        for (var y = y0; y < y0 + 32; y++)
        {
            for (var x = x0; x < x0 + 32; x++)
            {
                var v = gray.At<byte>(y, x);
                sum += v;
                if (v is < 8 or > 247 || texture.At<byte>(y, x) > textureLimit)
                    continue;
                histogram[residual.At<byte>(y, x)]++;
                used++;
            }
        }
        var mean = sum / 1024.0;
        var valid = used >= 1024 / 5 && mean is >= 24 and <= 232;
        if (!valid)
            return new NoiseAnalysis.Cell(false, 0);
        var half = used / 2.0;
        var cumulative = 0;
        for (var v = 0; v < 256; v++)
        {
            if (histogram[v] == 0)
                continue;
            if (cumulative + histogram[v] >= half)
                return new NoiseAnalysis.Cell(true, v + (half - cumulative) / histogram[v] - 0.5);
            cumulative += histogram[v];
        }
        return new NoiseAnalysis.Cell(true, 255);
    }

    private static Mat Random(int width, int height, int seed, int low, int high)
    {
        var rng = new Random(seed);
        var image = new Mat(height, width, MatType.CV_8UC1);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                image.Set(y, x, (byte)rng.Next(low, high));
        }
        return image;
    }
}
