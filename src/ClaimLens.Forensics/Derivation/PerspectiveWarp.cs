using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>OpenCV's warpPerspective of float planes with bilinear interpolation, and the footprint its
/// nearest-neighbour warp of a white picture gives, computed bit for bit as OpenCV 4 computes them: source
/// coordinates in double per 64-pixel block, rounded to 1/32 pixel, weights from the 32 x 32 table. OpenCV's float
/// remap has no SIMD path (RemapNoVec) and its nearest warp goes through a remap of a white picture; the aligned
/// reference's two warps cost ~10 ms of a 1024 x 768 comparison, the refiner's float warps a few more.</summary>
internal static class PerspectiveWarp
{
    // OpenCV's sub-pixel grid: INTER_BITS = 5, INTER_TAB_SIZE = 32.
    private const int Bits = 5;
    private const int TabSize = 1 << Bits;

    // WarpPerspectiveInvoker's tiles (BLOCK_SZ = 32): the map is evaluated afresh at each tile's first column, so
    // the tile width changes the rounding and is reproduced.
    private const int BlockSize = 32;

    // BilinearTab_f: for sub-pixel (fy, fx), the weights of the taps (0,0), (1,0), (0,1), (1,1); products of
    // k/32 and 1 - k/32, exact in float.
    private static readonly float[] Weights = BuildWeights();

    /// <summary>The map OpenCV's warpPerspective uses when WARP_INVERSE_MAP is not set: cv::invert (LU) of the
    /// forward map, zeros when it is singular.</summary>
    public static double[] InverseMap(double[] forward)
    {
        using var m = Projective.ToMat(forward, MatType.CV_64FC1);
        using var inverse = new Mat();
        Cv2.Invert(m, inverse, DecompTypes.LU);
        inverse.GetArray(out double[] values);
        return values;
    }

    /// <summary>Cv2.WarpPerspective(source, result, map, size, Linear | WarpInverseMap, border, 0) for CV_32FC1 or
    /// CV_32FC3; <paramref name="map"/> takes destination pixels to source pixels. Border: Constant (0) or
    /// Replicate.</summary>
    public static Mat Linear(Mat source, double[] map, Size size, BorderTypes border)
    {
        var result = new Mat(size, source.Type());
        Linear(source, map, result, border);
        return result;
    }

    /// <summary>As <see cref="Linear(Mat, double[], Size, BorderTypes)"/>, into <paramref name="result"/> (allocated
    /// to its size and the source's type when it is not already).</summary>
    public static unsafe void Linear(Mat source, double[] map, Mat result, BorderTypes border)
    {
        var channels = source.Channels();
        if (source.Depth() != MatType.CV_32F || channels is not (1 or 3) || border is not (BorderTypes.Constant or BorderTypes.Replicate)
            || result.Empty())
            throw new ArgumentException("Float planes of 1 or 3 channels, constant or replicated border, a sized result.");
        var size = result.Size();
        result.Create(size, source.Type());
        var picture = new Picture((float*)source.Data, (int)(source.Step() / sizeof(float)), source.Width, source.Height);
        var target = (byte*)result.Data;
        var targetStep = result.Step();
        var xs = new int[size.Width];
        var ys = new int[size.Width];
        var replicate = border == BorderTypes.Replicate;
        for (var y = 0; y < size.Height; y++)
        {
            Coordinates(map, y, size, TabSize, xs, ys);
            var row = (float*)(target + (y * targetStep));
            if (channels == 1)
                SampleRow1(picture, row, xs, ys, replicate);
            else
                SampleRow3(picture, row, xs, ys, replicate);
        }
    }

    // The source plane, read once rather than through OpenCvSharp's calls for every row.
    private readonly unsafe struct Picture(float* data, int step, int width, int height)
    {
        public readonly float* Data = data;
        public readonly int Step = step;
        public readonly int Width = width;
        public readonly int Height = height;
    }

    /// <summary>255 where Cv2.WarpPerspective(white, result, map, size, Nearest | WarpInverseMap, Constant, 0) of a
    /// <paramref name="sourceSize"/> picture is white, 0 elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe Mat Footprint(Size sourceSize, double[] map, Size size)
    {
        var result = new Mat(size, MatType.CV_8UC1);
        var (target, targetStep) = ((long)result.Data, result.Step());
        var xs = new int[size.Width];
        var ys = new int[size.Width];
        // Below 32768 a coordinate saturated to short is inside exactly when the unsaturated one is.
        var (width, height) = (Vector256.Create((uint)sourceSize.Width), Vector256.Create((uint)sourceSize.Height));
        var vector = Vector256.IsHardwareAccelerated && sourceSize.Width <= short.MaxValue && sourceSize.Height <= short.MaxValue;
        for (var y = 0; y < size.Height; y++)
        {
            Coordinates(map, y, size, 1, xs, ys);
            var row = (byte*)(target + (y * targetStep));
            var x = 0;
            for (; vector && x <= size.Width - 32; x += 32)
            {
                // All-ones lanes narrow to 255 bytes, zero lanes to 0.
                Vector256.Narrow(Vector256.Narrow(Inside(xs, ys, x, width, height), Inside(xs, ys, x + 8, width, height)),
                    Vector256.Narrow(Inside(xs, ys, x + 16, width, height), Inside(xs, ys, x + 24, width, height))).Store(row + x);
            }
            for (; x < size.Width; x++)
            {
                // saturate_cast<short>, then remapNearest's constant-border test.
                int sx = Short(xs[x]), sy = Short(ys[x]);
                row[x] = (uint)sx < (uint)sourceSize.Width && (uint)sy < (uint)sourceSize.Height ? (byte)255 : (byte)0;
            }
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Inside(int[] xs, int[] ys, int x, Vector256<uint> width, Vector256<uint> height) =>
        Vector256.LessThan(Vector256.Create(xs, x).AsUInt32(), width) & Vector256.LessThan(Vector256.Create(ys, x).AsUInt32(), height);

    // warpPerspectiveBlockline(NN): for each pixel of row y, the source coordinate times `scale` (32 for the
    // bilinear grid, 1 for nearest) as saturate_cast<int> of the clamped double.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Coordinates(double[] m, int y, Size size, double scale, int[] xs, int[] ys)
    {
        var blockHeight = Math.Min(BlockSize / 2, size.Height);
        var blockWidth = Math.Min(BlockSize * BlockSize / blockHeight, size.Width);
        for (var start = 0; start < size.Width; start += blockWidth)
        {
            var width = Math.Min(blockWidth, size.Width - start);
            var x0 = m[0] * start + m[1] * y + m[2];
            var y0 = m[3] * start + m[4] * y + m[5];
            var w0 = m[6] * start + m[7] * y + m[8];
            var x1 = 0;
            if (Avx.IsSupported)
                x1 = CoordinatesAvx(m, x0, y0, w0, scale, width, xs.AsSpan(start), ys.AsSpan(start));
            for (; x1 < width; x1++)
            {
                var w = w0 + m[6] * x1;
                w = w != 0 ? scale / w : 0;
                xs[start + x1] = (int)Math.Round(Math.Max(int.MinValue, Math.Min(int.MaxValue, (x0 + m[0] * x1) * w)));
                ys[start + x1] = (int)Math.Round(Math.Max(int.MinValue, Math.Min(int.MaxValue, (y0 + m[3] * x1) * w)));
            }
        }
    }

    // The same arithmetic four pixels at a time (OpenCV's SSE4 line does it two at a time): multiplies and adds
    // are not fused, and vcvtpd2dq rounds to nearest even as saturate_cast<int> does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CoordinatesAvx(double[] m, double x0, double y0, double w0, double scale, int width, Span<int> xs, Span<int> ys)
    {
        var (m0, m3, m6) = (Vector256.Create(m[0]), Vector256.Create(m[3]), Vector256.Create(m[6]));
        var (vx0, vy0, vw0, vscale) = (Vector256.Create(x0), Vector256.Create(y0), Vector256.Create(w0), Vector256.Create(scale));
        var (min, max) = (Vector256.Create((double)int.MinValue), Vector256.Create((double)int.MaxValue));
        var step = Vector256.Create(4.0);
        var x1 = Vector256.Create(0.0, 1, 2, 3);
        var i = 0;
        for (; i <= width - 4; i += 4)
        {
            var w = Avx.Add(Avx.Multiply(m6, x1), vw0);
            w = Avx.AndNot(Avx.CompareEqual(w, Vector256<double>.Zero), Avx.Divide(vscale, w));
            var fx = Avx.Max(min, Avx.Min(max, Avx.Multiply(Avx.Add(vx0, Avx.Multiply(m0, x1)), w)));
            var fy = Avx.Max(min, Avx.Min(max, Avx.Multiply(Avx.Add(vy0, Avx.Multiply(m3, x1)), w)));
            Avx.ConvertToVector128Int32(fx).CopyTo(xs[i..]);
            Avx.ConvertToVector128Int32(fy).CopyTo(ys[i..]);
            x1 = Avx.Add(x1, step);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SampleRow1(Picture picture, float* d, int[] xs, int[] ys, bool replicate)
    {
        var s = picture.Data;
        var (step, width, height) = (picture.Step, picture.Width, picture.Height);
        fixed (float* weights = Weights)
        {
            var x = 0;
            while (x < xs.Length)
            {
                // Eight pixels at a time where all their taps are inside the picture, one at a time elsewhere.
                if (Avx2.IsSupported && x <= xs.Length - 8 && SampleAvx2(s, step, width, height, d + x, xs, ys, x))
                {
                    x += 8;
                    continue;
                }
                var end = Math.Min(xs.Length, x + 8);
                for (; x < end; x++)
                    d[x] = Sample(s, step, width, height, xs[x], ys[x], weights, replicate, 1, 0);
            }
        }
    }

    // Pixels x..x+7 of a one-channel row when all their taps are inside the picture (OpenCV's inliers); false
    // (nothing written) otherwise.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool SampleAvx2(float* s, int step, int width, int height, float* d, int[] xs, int[] ys, int x)
    {
        var (low, high) = (Vector256.Create((int)short.MinValue), Vector256.Create((int)short.MaxValue));
        var (limitX, limitY) = (Vector256.Create(width - 1), Vector256.Create(height - 1));
        var fraction = Vector256.Create(TabSize - 1);
        var (one, unit) = (Vector256.Create(1f), Vector256.Create(1f / TabSize));
        var vstep = Vector256.Create(step);
        var fxs = Vector256.Create(xs, x);
        var fys = Vector256.Create(ys, x);
        var sx = Avx2.Min(high, Avx2.Max(low, Avx2.ShiftRightArithmetic(fxs, Bits)));
        var sy = Avx2.Min(high, Avx2.Max(low, Avx2.ShiftRightArithmetic(fys, Bits)));
        // (unsigned)sx < width - 1 for every lane: sx >= 0 and sx < width - 1.
        var inside = Avx2.And(Avx2.And(Avx2.CompareGreaterThan(limitX, sx), Avx2.CompareGreaterThan(limitY, sy)),
            Avx2.AndNot(Avx2.CompareGreaterThan(Vector256<int>.Zero, sx), Avx2.AndNot(Avx2.CompareGreaterThan(Vector256<int>.Zero, sy), Vector256<int>.AllBitsSet)));
        if (Avx.MoveMask(inside.AsSingle()) != 0xFF)
            return false;
        var index = Avx2.Add(Avx2.MultiplyLow(sy, vstep), sx);
        var v00 = Avx2.GatherVector256(s, index, 4);
        var v01 = Avx2.GatherVector256(s + 1, index, 4);
        var v10 = Avx2.GatherVector256(s + step, index, 4);
        var v11 = Avx2.GatherVector256(s + step + 1, index, 4);
        var tx = Avx.Multiply(Avx.ConvertToVector256Single(Avx2.And(fxs, fraction)), unit);
        var ty = Avx.Multiply(Avx.ConvertToVector256Single(Avx2.And(fys, fraction)), unit);
        var (ux, uy) = (Avx.Subtract(one, tx), Avx.Subtract(one, ty));
        var sum = Avx.Add(Avx.Multiply(v00, Avx.Multiply(uy, ux)), Avx.Multiply(v01, Avx.Multiply(uy, tx)));
        sum = Avx.Add(sum, Avx.Multiply(v10, Avx.Multiply(ty, ux)));
        sum = Avx.Add(sum, Avx.Multiply(v11, Avx.Multiply(ty, tx)));
        Avx.Store(d, sum);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SampleRow3(Picture picture, float* d, int[] xs, int[] ys, bool replicate)
    {
        var s = picture.Data;
        var (step, width, height) = (picture.Step, picture.Width, picture.Height);
        var offsets = stackalloc int[8];
        var cells = stackalloc int[8];
        fixed (float* weights = Weights)
        {
            var x = 0;
            while (x < xs.Length)
            {
                // Eight pixels whose taps are all inside (the store of the row's last pixel is left to Sample).
                if (Avx2.IsSupported && x <= xs.Length - 9 && Taps3(xs, ys, x, picture, offsets, cells))
                {
                    for (var k = 0; k < 8; k++, d += 3)
                    {
                        // Each tap a four-float load of its three channels and one more, the sum stored over four
                        // floats (the next pixel overwrites the fourth), added as remapBilinear adds them.
                        var p = s + offsets[k];
                        var w = weights + cells[k];
                        var sum = (Vector128.Load(p) * Vector128.Create(w[0])) + (Vector128.Load(p + 3) * Vector128.Create(w[1]));
                        sum += Vector128.Load(p + step) * Vector128.Create(w[2]);
                        sum += Vector128.Load(p + step + 3) * Vector128.Create(w[3]);
                        sum.Store(d);
                    }
                    x += 8;
                    continue;
                }
                var end = Math.Min(xs.Length, x + 8);
                for (; x < end; x++, d += 3)
                {
                    for (var c = 0; c < 3; c++)
                        d[c] = Sample(s, step, width, height, xs[x], ys[x], weights, replicate, 3, c);
                }
            }
        }
    }

    // The source offsets (floats) and weight cells of pixels x..x+7 of a three-channel row when all their taps
    // are inside the picture and their four-float loads stay inside it (all but the last tap's); false otherwise.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool Taps3(int[] xs, int[] ys, int x, Picture picture, int* offsets, int* cells)
    {
        var fxs = Vector256.Create(xs, x);
        var fys = Vector256.Create(ys, x);
        // No saturation to short needed: a coordinate that saturates is outside anyway.
        var sx = Avx2.ShiftRightArithmetic(fxs, Bits).AsUInt32();
        var sy = Avx2.ShiftRightArithmetic(fys, Bits).AsUInt32();
        var (lastX, lastY) = (Vector256.Create((uint)(picture.Width - 2)), Vector256.Create((uint)(picture.Height - 2)));
        var inside = Vector256.LessThanOrEqual(sx, lastX) & Vector256.LessThanOrEqual(sy, lastY)
            & ~(Vector256.Equals(sx, lastX) & Vector256.Equals(sy, lastY));
        if (picture.Width < 2 || picture.Height < 2 || !Vector256.EqualsAll(inside, Vector256<uint>.AllBitsSet))
            return false;
        (Avx2.MultiplyLow(sy.AsInt32(), Vector256.Create(picture.Step)) + (sx.AsInt32() * 3)).Store(offsets);
        var fraction = Vector256.Create(TabSize - 1);
        ((((fys & fraction) * TabSize) + (fxs & fraction)) * 4).Store(cells);
        return true;
    }

    // remapBilinear for one pixel and channel, with the constant (0) or replicated border: taps outside the
    // picture read 0 (a pixel with none inside is 0), or the nearest edge pixel.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float Sample(float* s, int step, int width, int height, int fx, int fy, float* weights, bool replicate, int channels, int channel)
    {
        int sx = Short(fx >> Bits), sy = Short(fy >> Bits);
        var w = weights + (((fy & (TabSize - 1)) * TabSize) + (fx & (TabSize - 1))) * 4;
        if (!replicate && (sx >= width || sx + 1 < 0 || sy >= height || sy + 1 < 0))
            return 0;
        int sx0 = sx, sx1 = sx + 1, sy0 = sy, sy1 = sy + 1;
        if (replicate)
            (sx0, sx1, sy0, sy1) = (Math.Clamp(sx0, 0, width - 1), Math.Clamp(sx1, 0, width - 1), Math.Clamp(sy0, 0, height - 1), Math.Clamp(sy1, 0, height - 1));
        var v0 = Tap(s, step, width, height, sx0, sy0, channels, channel);
        var v1 = Tap(s, step, width, height, sx1, sy0, channels, channel);
        var v2 = Tap(s, step, width, height, sx0, sy1, channels, channel);
        var v3 = Tap(s, step, width, height, sx1, sy1, channels, channel);
        return (v0 * w[0]) + (v1 * w[1]) + (v2 * w[2]) + (v3 * w[3]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float Tap(float* s, int step, int width, int height, int x, int y, int channels, int channel) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? s[(y * step) + (x * channels) + channel] : 0;

    private static int Short(int v) => Math.Clamp(v, short.MinValue, short.MaxValue);

    private static float[] BuildWeights()
    {
        var weights = new float[TabSize * TabSize * 4];
        for (var i = 0; i < TabSize; i++)
        {
            for (var j = 0; j < TabSize; j++)
            {
                float ty = i * (1f / TabSize), tx = j * (1f / TabSize);
                var k = ((i * TabSize) + j) * 4;
                (weights[k], weights[k + 1], weights[k + 2], weights[k + 3]) = ((1 - ty) * (1 - tx), (1 - ty) * tx, ty * (1 - tx), ty * tx);
            }
        }
        return weights;
    }
}
