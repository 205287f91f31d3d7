using System.Runtime.Intrinsics;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Every block mean <see cref="BlockFit"/> needs, in one pass over the pixels. The earlier version
/// formed ~40 product images with OpenCV and area-resized each to the block grid (~50 ms at 1024 x 768 on one
/// core); here each pixel is read once and its products are summed in vector registers, eight pixels at a time.</summary>
internal static class BlockMoments
{
    /// <summary>Sums per pixel, in this order: u_a u_b (a ≤ b, 10), u_a (4), c u_a (4), c, c², gx u_a (4), gx,
    /// gy u_a (4), gy, c gx, c gy, gx², gx gy, gy², then per chroma plane c, r, c², r², c r (10), valid.</summary>
    public const int Count = 46;

    private const int Lanes = 8;

    /// <summary>Block means of the products listed at <see cref="Count"/>, <see cref="Count"/> per block,
    /// blocks in row-major order.</summary>
    /// <param name="planes">CV_32FC1, equal sizes, a whole number of blocks, in order: claim luma (0..255), r,
    /// g1, g2, gx, gy (scaled units), claim Cr, reference Cr, claim Cb, reference Cb (0..255), valid (0 or 1).
    /// The 0..255 planes are scaled here, and q = r²/2 is formed here.</param>
    /// <param name="blockSize">A multiple of 8.</param>
    public static unsafe double[] Compute(Mat[] planes, int blockSize)
    {
        const int planeCount = 11;
        if (planes.Length != planeCount || blockSize % Lanes != 0)
            throw new ArgumentException("eleven planes and a block size that is a multiple of 8 are required");
        var width = planes[0].Width;
        var height = planes[0].Height;
        foreach (var p in planes)
        {
            if (p.Width != width || p.Height != height || p.Type() != MatType.CV_32FC1)
                throw new ArgumentException("planes must be CV_32FC1 of one size");
        }
        var columns = width / blockSize;
        var rows = height / blockSize;
        var result = new double[columns * rows * Count];
        var vectorsPerRow = blockSize / Lanes;
        var scale = 1.0 / (blockSize * blockSize);
        // Mat.Ptr is a native call: take each plane's origin and row step once.
        var origins = stackalloc byte*[planeCount];
        var steps = stackalloc long[planeCount];
        for (var p = 0; p < planeCount; p++)
        {
            origins[p] = (byte*)planes[p].Data;
            steps[p] = planes[p].Step();
        }
        var rowPointers = stackalloc float*[planeCount];
        var acc = stackalloc Vector256<float>[Count];
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                for (var k = 0; k < Count; k++)
                    acc[k] = Vector256<float>.Zero;
                for (var y = by * blockSize; y < (by + 1) * blockSize; y++)
                {
                    for (var p = 0; p < planeCount; p++)
                        rowPointers[p] = (float*)(origins[p] + y * steps[p]) + bx * blockSize;
                    for (var v = 0; v < vectorsPerRow; v++)
                        Accumulate(rowPointers, v * Lanes, acc);
                }
                var target = (by * columns + bx) * Count;
                for (var k = 0; k < Count; k++)
                    result[target + k] = Vector256.Sum(acc[k]) * scale;
            }
        }
        return result;
    }

    private static unsafe void Accumulate(float** rows, int offset, Vector256<float>* acc)
    {
        var unit = Vector256.Create((float)(1 / BlockFit.Unit));
        var shift = Vector256.Create((float)(-128 / BlockFit.Unit));
        var c = Vector256.Load(rows[0] + offset) * unit + shift;
        var r = Vector256.Load(rows[1] + offset);
        var g1 = Vector256.Load(rows[2] + offset);
        var g2 = Vector256.Load(rows[3] + offset);
        var q = r * r * Vector256.Create(0.5f);
        var gx = Vector256.Load(rows[4] + offset);
        var gy = Vector256.Load(rows[5] + offset);
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
            var cp = Vector256.Load(rows[6 + 2 * ch] + offset) * unit + shift;
            var rp = Vector256.Load(rows[7 + 2 * ch] + offset) * unit + shift;
            var a = acc + 35 + 5 * ch;
            a[0] += cp;
            a[1] += rp;
            a[2] += cp * cp;
            a[3] += rp * rp;
            a[4] += cp * rp;
        }
        acc[45] += Vector256.Load(rows[10] + offset);
    }
}
