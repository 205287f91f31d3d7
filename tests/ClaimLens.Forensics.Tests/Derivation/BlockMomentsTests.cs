using System.Runtime.Intrinsics;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class BlockMomentsTests
{
    [Theory]
    [InlineData(16, 96, 64, 1)]
    [InlineData(8, 40, 24, 2)]
    public void Compute_RandomPlanes_EqualsTheOnePassSums(int blockSize, int width, int height, int seed)
    {
        // Planes in the ranges BlockFit gives them (0..255 luma and chroma, scaled bases, gradients, 0/1 valid),
        // so float rounding matters: the passes must add the same values in the same order as one pass did.
        var planes = new Mat[11];
        for (var p = 0; p < planes.Length; p++)
        {
            var rng = new Random(seed * 100 + p);
            var values = new float[width * height];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = p switch
                {
                    0 or (>= 6 and < 10) => (float)(rng.NextDouble() * 255),
                    10 => rng.Next(2),
                    _ => (float)(rng.NextDouble() * 4 - 2),
                };
            }
            planes[p] = new Mat(height, width, MatType.CV_32FC1);
            planes[p].SetArray(values);
        }
        try
        {
            Assert.Equal(OnePass(planes, blockSize), BlockMoments.Compute(planes, blockSize));
        }
        finally
        {
            foreach (var p in planes)
                p.Dispose();
        }
    }

    // BlockMoments.Compute as it was before session 6: all 46 sums accumulated in one pass.
    private static double[] OnePass(Mat[] planes, int blockSize)
    {
        var width = planes[0].Width;
        var columns = width / blockSize;
        var rows = planes[0].Height / blockSize;
        var result = new double[columns * rows * BlockMoments.Count];
        var scale = 1.0 / (blockSize * blockSize);
        var data = planes.Select(p => { p.GetArray(out float[] values); return values; }).ToArray();
        var rowData = new float[11][];
        var acc = new Vector256<float>[BlockMoments.Count];
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                Array.Clear(acc);
                for (var y = by * blockSize; y < (by + 1) * blockSize; y++)
                {
                    for (var p = 0; p < 11; p++)
                        rowData[p] = data[p].AsSpan(y * width + bx * blockSize, blockSize).ToArray();
                    for (var v = 0; v < blockSize / 8; v++)
                        Accumulate(rowData, v * 8, acc);
                }
                var target = (by * columns + bx) * BlockMoments.Count;
                for (var k = 0; k < BlockMoments.Count; k++)
                    result[target + k] = Vector256.Sum(acc[k]) * scale;
            }
        }
        return result;
    }

    private static void Accumulate(float[][] rows, int offset, Vector256<float>[] acc)
    {
        var unit = Vector256.Create((float)(1 / BlockFit.Unit));
        var shift = Vector256.Create((float)(-128 / BlockFit.Unit));
        var c = Vector256.Create(rows[0].AsSpan(offset, 8)) * unit + shift;
        var r = Vector256.Create(rows[1].AsSpan(offset, 8));
        var g1 = Vector256.Create(rows[2].AsSpan(offset, 8));
        var g2 = Vector256.Create(rows[3].AsSpan(offset, 8));
        var q = r * r * Vector256.Create(0.5f);
        var gx = Vector256.Create(rows[4].AsSpan(offset, 8));
        var gy = Vector256.Create(rows[5].AsSpan(offset, 8));
        acc[0] += r * r;
        acc[1] += r * g1;
        acc[2] += r * g2;
        acc[3] += r * q;
        acc[4] += g1 * g1;
        acc[5] += g1 * g2;
        acc[6] += g1 * q;
        acc[7] += g2 * g2;
        acc[8] += g2 * q;
        acc[9] += q * q;
        acc[10] += r;
        acc[11] += g1;
        acc[12] += g2;
        acc[13] += q;
        acc[14] += c * r;
        acc[15] += c * g1;
        acc[16] += c * g2;
        acc[17] += c * q;
        acc[18] += c;
        acc[19] += c * c;
        acc[20] += gx * r;
        acc[21] += gx * g1;
        acc[22] += gx * g2;
        acc[23] += gx * q;
        acc[24] += gx;
        acc[25] += gy * r;
        acc[26] += gy * g1;
        acc[27] += gy * g2;
        acc[28] += gy * q;
        acc[29] += gy;
        acc[30] += c * gx;
        acc[31] += c * gy;
        acc[32] += gx * gx;
        acc[33] += gx * gy;
        acc[34] += gy * gy;
        for (var ch = 0; ch < 2; ch++)
        {
            var cp = Vector256.Create(rows[6 + 2 * ch].AsSpan(offset, 8)) * unit + shift;
            var rp = Vector256.Create(rows[7 + 2 * ch].AsSpan(offset, 8)) * unit + shift;
            var a = 35 + 5 * ch;
            acc[a] += cp;
            acc[a + 1] += rp;
            acc[a + 2] += cp * cp;
            acc[a + 3] += rp * rp;
            acc[a + 4] += cp * rp;
        }
        acc[45] += Vector256.Create(rows[10].AsSpan(offset, 8));
    }
}
