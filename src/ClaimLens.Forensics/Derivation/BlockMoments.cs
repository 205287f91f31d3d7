using System.Runtime.CompilerServices;
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
        var sums = stackalloc double[Count];
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                // Three passes over the block's pixels, each with its accumulators in registers (46 at once
                // spilled every one of them to the stack at every pixel). Each sum still adds the same values in
                // the same order, so the moments are bit for bit those of one pass.
                var block = new Block(origins, steps, bx * blockSize, by * blockSize, blockSize);
                Tone(block, sums);
                Gradient(block, sums);
                ChromaAndValid(block, sums);
                var target = (by * columns + bx) * Count;
                for (var k = 0; k < Count; k++)
                    result[target + k] = sums[k] * scale;
            }
        }
        return result;
    }

    private readonly unsafe struct Block(byte** origins, long* steps, int x0, int y0, int size)
    {
        public int Y0 => y0;

        public int Size => size;

        public float* Row(int plane, int y) => (float*)(origins[plane] + y * steps[plane]) + x0;
    }

    private static Vector256<float> Unit => Vector256.Create((float)(1 / BlockFit.Unit));

    private static Vector256<float> Shift => Vector256.Create((float)(-128 / BlockFit.Unit));

    // Sums 0-19: the luma bases' products and sums, and the claim's against them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tone(Block block, double* sums)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
            a7 = default, a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default,
            a15 = default, a16 = default, a17 = default, a18 = default, a19 = default;
        var (unit, shift, half) = (Unit, Shift, Vector256.Create(0.5f));
        for (var y = block.Y0; y < block.Y0 + block.Size; y++)
        {
            float* pc = block.Row(0, y), pr = block.Row(1, y), pg1 = block.Row(2, y), pg2 = block.Row(3, y);
            for (var x = 0; x < block.Size; x += Lanes)
            {
                var c = Vector256.Load(pc + x) * unit + shift;
                var r = Vector256.Load(pr + x);
                var g1 = Vector256.Load(pg1 + x);
                var g2 = Vector256.Load(pg2 + x);
                var q = r * r * half;
                a0 += r * r;
                a1 += r * g1;
                a2 += r * g2;
                a3 += r * q;
                a4 += g1 * g1;
                a5 += g1 * g2;
                a6 += g1 * q;
                a7 += g2 * g2;
                a8 += g2 * q;
                a9 += q * q;
                a10 += r;
                a11 += g1;
                a12 += g2;
                a13 += q;
                a14 += c * r;
                a15 += c * g1;
                a16 += c * g2;
                a17 += c * q;
                a18 += c;
                a19 += c * c;
            }
        }
        (sums[0], sums[1], sums[2], sums[3], sums[4]) = (Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3), Vector256.Sum(a4));
        (sums[5], sums[6], sums[7], sums[8], sums[9]) = (Vector256.Sum(a5), Vector256.Sum(a6), Vector256.Sum(a7), Vector256.Sum(a8), Vector256.Sum(a9));
        (sums[10], sums[11], sums[12], sums[13], sums[14]) = (Vector256.Sum(a10), Vector256.Sum(a11), Vector256.Sum(a12), Vector256.Sum(a13), Vector256.Sum(a14));
        (sums[15], sums[16], sums[17], sums[18], sums[19]) = (Vector256.Sum(a15), Vector256.Sum(a16), Vector256.Sum(a17), Vector256.Sum(a18), Vector256.Sum(a19));
    }

    // Sums 20-34: the reference's luma gradients against the bases, the claim and each other.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Gradient(Block block, double* sums)
    {
        Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default, a24 = default, a25 = default, a26 = default,
            a27 = default, a28 = default, a29 = default, a30 = default, a31 = default, a32 = default, a33 = default, a34 = default;
        var (unit, shift, half) = (Unit, Shift, Vector256.Create(0.5f));
        for (var y = block.Y0; y < block.Y0 + block.Size; y++)
        {
            float* pc = block.Row(0, y), pr = block.Row(1, y), pg1 = block.Row(2, y), pg2 = block.Row(3, y), pgx = block.Row(4, y), pgy = block.Row(5, y);
            for (var x = 0; x < block.Size; x += Lanes)
            {
                var c = Vector256.Load(pc + x) * unit + shift;
                var r = Vector256.Load(pr + x);
                var g1 = Vector256.Load(pg1 + x);
                var g2 = Vector256.Load(pg2 + x);
                var q = r * r * half;
                var gx = Vector256.Load(pgx + x);
                var gy = Vector256.Load(pgy + x);
                a20 += gx * r;
                a21 += gx * g1;
                a22 += gx * g2;
                a23 += gx * q;
                a24 += gx;
                a25 += gy * r;
                a26 += gy * g1;
                a27 += gy * g2;
                a28 += gy * q;
                a29 += gy;
                a30 += c * gx;
                a31 += c * gy;
                a32 += gx * gx;
                a33 += gx * gy;
                a34 += gy * gy;
            }
        }
        (sums[20], sums[21], sums[22], sums[23], sums[24]) = (Vector256.Sum(a20), Vector256.Sum(a21), Vector256.Sum(a22), Vector256.Sum(a23), Vector256.Sum(a24));
        (sums[25], sums[26], sums[27], sums[28], sums[29]) = (Vector256.Sum(a25), Vector256.Sum(a26), Vector256.Sum(a27), Vector256.Sum(a28), Vector256.Sum(a29));
        (sums[30], sums[31], sums[32], sums[33], sums[34]) = (Vector256.Sum(a30), Vector256.Sum(a31), Vector256.Sum(a32), Vector256.Sum(a33), Vector256.Sum(a34));
    }

    // Sums 35-45: per chroma plane c, r, c², r², c r; then the valid count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ChromaAndValid(Block block, double* sums)
    {
        Vector256<float> a35 = default, a36 = default, a37 = default, a38 = default, a39 = default, a40 = default, a41 = default,
            a42 = default, a43 = default, a44 = default, a45 = default;
        var (unit, shift) = (Unit, Shift);
        for (var y = block.Y0; y < block.Y0 + block.Size; y++)
        {
            float* pcr = block.Row(6, y), prr = block.Row(7, y), pcb = block.Row(8, y), prb = block.Row(9, y), pv = block.Row(10, y);
            for (var x = 0; x < block.Size; x += Lanes)
            {
                var cp = Vector256.Load(pcr + x) * unit + shift;
                var rp = Vector256.Load(prr + x) * unit + shift;
                a35 += cp;
                a36 += rp;
                a37 += cp * cp;
                a38 += rp * rp;
                a39 += cp * rp;
                cp = Vector256.Load(pcb + x) * unit + shift;
                rp = Vector256.Load(prb + x) * unit + shift;
                a40 += cp;
                a41 += rp;
                a42 += cp * cp;
                a43 += rp * rp;
                a44 += cp * rp;
                a45 += Vector256.Load(pv + x);
            }
        }
        (sums[35], sums[36], sums[37], sums[38], sums[39]) = (Vector256.Sum(a35), Vector256.Sum(a36), Vector256.Sum(a37), Vector256.Sum(a38), Vector256.Sum(a39));
        (sums[40], sums[41], sums[42], sums[43], sums[44]) = (Vector256.Sum(a40), Vector256.Sum(a41), Vector256.Sum(a42), Vector256.Sum(a43), Vector256.Sum(a44));
        sums[45] = Vector256.Sum(a45);
    }
}
