using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Exact two-nearest-neighbour search over 256-bit ORB descriptors stored as four 64-bit words each.
/// OpenCV's brute-force Hamming matcher cost 30-40 ms per 2,000 x 2,500 search on one core here, four hardware
/// popcounts per pair ~9 ms; the vector paths (session 6) look up the popcount of many trains per instruction.</summary>
internal static class HammingMatcher
{
    public const int Words = 4;

    // Bytes per descriptor.
    private const int Bytes = Words * 8;

    // Row q, entry i: popcount(q ^ (i & 15)), 64 entries per row. vpermb indexes a whole row with the low 6 bits of
    // each byte; vpshufb indexes each 16-byte lane with the low 4 bits, and the row repeats every 16 entries.
    private static readonly byte[] NibbleDistances = BuildNibbleDistances();

    /// <summary>For each query descriptor: the index of its nearest train descriptor, that distance and the
    /// second-nearest distance (int.MaxValue when there is no second). Ties keep the lower index.</summary>
    public static (int[] Best, int[] BestDistance, int[] SecondDistance) Search(ReadOnlySpan<ulong> query, ReadOnlySpan<ulong> train)
    {
        if (Avx512Vbmi.IsSupported)
            return SearchAvx512(query, train);
        if (Avx2.IsSupported)
            return SearchAvx2(query, train);
        return SearchScalar(query, train);
    }

    /// <summary>Bits in which two descriptors differ.</summary>
    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) =>
        BitOperations.PopCount(a[0] ^ b[0]) + BitOperations.PopCount(a[1] ^ b[1])
        + BitOperations.PopCount(a[2] ^ b[2]) + BitOperations.PopCount(a[3] ^ b[3]);

    /// <summary>Each descriptor against all the others, leaving out those whose point lies closer than
    /// <paramref name="minDistance"/> to its own (itself included): the same results as <see cref="Search"/> over
    /// the remaining ones, in index order.</summary>
    public static (int[] Best, int[] BestDistance, int[] SecondDistance) SearchApart(ReadOnlySpan<ulong> descriptors, ReadOnlySpan<Point2f> points, float minDistance)
    {
        if (points.Length != descriptors.Length / Words)
            throw new ArgumentException("one point per descriptor is required");
        return Avx512Vbmi.IsSupported
            ? SearchAvx512(descriptors, descriptors, points, minDistance * minDistance)
            : SearchApartScalar(descriptors, points, minDistance * minDistance);
    }

    /// <summary>The scalar loop of <see cref="SearchApart"/>.</summary>
    internal static (int[] Best, int[] BestDistance, int[] SecondDistance) SearchApartScalar(ReadOnlySpan<ulong> descriptors, ReadOnlySpan<Point2f> points, float minSquared)
    {
        var count = descriptors.Length / Words;
        var best = new int[count];
        var bestDistance = new int[count];
        var secondDistance = new int[count];
        for (var q = 0; q < count; q++)
        {
            int d1 = int.MaxValue, d2 = int.MaxValue, index = -1;
            var p = points[q];
            for (var t = 0; t < count; t++)
            {
                var dx = p.X - points[t].X;
                var dy = p.Y - points[t].Y;
                if (dx * dx + dy * dy < minSquared)
                    continue;
                var d = Distance(descriptors.Slice(q * Words, Words), descriptors.Slice(t * Words, Words));
                if (d < d2)
                {
                    if (d < d1)
                    {
                        d2 = d1;
                        d1 = d;
                        index = t;
                    }
                    else
                    {
                        d2 = d;
                    }
                }
            }
            best[q] = index;
            bestDistance[q] = d1;
            secondDistance[q] = d2;
        }
        return (best, bestDistance, secondDistance);
    }

    /// <summary>The reference loop the vector paths must reproduce exactly.</summary>
    internal static unsafe (int[] Best, int[] BestDistance, int[] SecondDistance) SearchScalar(ReadOnlySpan<ulong> query, ReadOnlySpan<ulong> train)
    {
        var queries = query.Length / Words;
        var trains = train.Length / Words;
        var best = new int[queries];
        var bestDistance = new int[queries];
        var secondDistance = new int[queries];
        fixed (ulong* trainStart = train)
        {
            for (var q = 0; q < queries; q++)
            {
                var q0 = query[q * Words];
                var q1 = query[q * Words + 1];
                var q2 = query[q * Words + 2];
                var q3 = query[q * Words + 3];
                int d1 = int.MaxValue, d2 = int.MaxValue, index = -1;
                var p = trainStart;
                for (var t = 0; t < trains; t++, p += Words)
                {
                    var d = BitOperations.PopCount(q0 ^ p[0]) + BitOperations.PopCount(q1 ^ p[1])
                        + BitOperations.PopCount(q2 ^ p[2]) + BitOperations.PopCount(q3 ^ p[3]);
                    if (d < d2)
                    {
                        if (d < d1)
                        {
                            d2 = d1;
                            d1 = d;
                            index = t;
                        }
                        else
                        {
                            d2 = d;
                        }
                    }
                }
                best[q] = index;
                bestDistance[q] = d1;
                secondDistance[q] = d2;
            }
        }
        return (best, bestDistance, secondDistance);
    }

    // 64 trains per block: one vpermb gives one nibble's share of the distance to all of them.
    // points, when given, are the self search's (query = train): trains nearer a query's point than
    // sqrt(minSquared) get the padding distance, so they are never chosen.
    internal static unsafe (int[] Best, int[] BestDistance, int[] SecondDistance) SearchAvx512(ReadOnlySpan<ulong> query, ReadOnlySpan<ulong> train,
        ReadOnlySpan<Point2f> points = default, float minSquared = 0)
    {
        const int Lanes = 64;
        var queries = query.Length / Words;
        var trains = train.Length / Words;
        var queryBytes = MemoryMarshal.AsBytes(query);
        var best = new int[queries];
        var bestDistance = new int[queries];
        var secondDistance = new int[queries];
        var blocks = (trains + Lanes - 1) / Lanes;
        var transposed = Transpose(MemoryMarshal.AsBytes(train), trains, Lanes);
        // The padding trains of the last block get a distance no real pair has (at most 256).
        var padding = stackalloc ushort[Lanes];
        for (var i = 0; i < Lanes; i++)
            padding[i] = i < trains - (blocks - 1) * Lanes ? (ushort)0 : ushort.MaxValue;
        var padLower = Vector512.Load(padding);
        var padUpper = Vector512.Load(padding + Lanes / 2);
        // The query's 64 lookup rows: its 32 low nibbles, then its 32 high nibbles.
        var rows = stackalloc Vector512<byte>[2 * Bytes];
        var apart = !points.IsEmpty;
        var xs = apart ? new float[blocks * Lanes] : [];
        var ys = apart ? new float[blocks * Lanes] : [];
        for (var i = 0; i < points.Length; i++)
            (xs[i], ys[i]) = (points[i].X, points[i].Y);
        try
        {
            fixed (byte* table = NibbleDistances)
            fixed (byte* start = transposed)
            fixed (float* xStart = xs)
            fixed (float* yStart = ys)
            {
                for (var q = 0; q < queries; q++)
                {
                    for (var j = 0; j < Bytes; j++)
                    {
                        var b = queryBytes[q * Bytes + j];
                        rows[j] = Vector512.Load(table + (b & 0x0F) * 64);
                        rows[Bytes + j] = Vector512.Load(table + (b >> 4) * 64);
                    }
                    int d1 = int.MaxValue, d2 = int.MaxValue, index = -1;
                    for (var block = 0; block < blocks; block++)
                    {
                        var p = start + block * Bytes * Lanes;
                        // Each byte lane adds at most 8 per descriptor byte: two sums over 16 bytes stay below 256.
                        // vpermb reads the low 6 bits of each index and the rows repeat every 16 entries, so neither
                        // the low nibble nor the 16-bit shift's spill into bits 4-5 needs masking. Pointers are
                        // stepped rather than indices multiplied: the address arithmetic outweighed the vector work.
                        var first = Vector512<byte>.Zero;
                        var second = Vector512<byte>.Zero;
                        var row = rows;
                        for (var end = p + Bytes / 2 * Lanes; p < end; p += Lanes, row++)
                        {
                            var x = Vector512.Load(p);
                            first += Avx512Vbmi.PermuteVar64x8(row[0], x)
                                + Avx512Vbmi.PermuteVar64x8(row[Bytes], (x.AsUInt16() >>> 4).AsByte());
                            var y = Vector512.Load(p + Bytes / 2 * Lanes);
                            second += Avx512Vbmi.PermuteVar64x8(row[Bytes / 2], y)
                                + Avx512Vbmi.PermuteVar64x8(row[Bytes + Bytes / 2], (y.AsUInt16() >>> 4).AsByte());
                        }
                        var lower = Avx512BW.ConvertToVector512UInt16(first.GetLower()) + Avx512BW.ConvertToVector512UInt16(second.GetLower());
                        var upper = Avx512BW.ConvertToVector512UInt16(first.GetUpper()) + Avx512BW.ConvertToVector512UInt16(second.GetUpper());
                        if (block == blocks - 1)
                        {
                            lower |= padLower;
                            upper |= padUpper;
                        }
                        if (apart)
                        {
                            var (near0, near1, near2, near3) = Near(xStart + block * Lanes, yStart + block * Lanes, points[q], minSquared);
                            lower |= Vector512.Narrow(near0, near1).AsUInt16();
                            upper |= Vector512.Narrow(near2, near3).AsUInt16();
                        }
                        var both = Vector512.Min(lower, upper);
                        if (Vector512.LessThanAny(both, Vector512.Create((ushort)Math.Min(d2, ushort.MaxValue))))
                            MergeBlock(lower, upper, both, block * Lanes, ref d1, ref d2, ref index);
                    }
                    best[q] = index;
                    bestDistance[q] = d1;
                    secondDistance[q] = d2;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(transposed);
        }
        return (best, bestDistance, secondDistance);
    }

    // 32 trains per block. vpshufb zeroes a byte whose index has bit 7 set, so the nibbles are split when transposing.
    internal static unsafe (int[] Best, int[] BestDistance, int[] SecondDistance) SearchAvx2(ReadOnlySpan<ulong> query, ReadOnlySpan<ulong> train)
    {
        const int Lanes = 32;
        var queries = query.Length / Words;
        var trains = train.Length / Words;
        var queryBytes = MemoryMarshal.AsBytes(query);
        var best = new int[queries];
        var bestDistance = new int[queries];
        var secondDistance = new int[queries];
        var blocks = (trains + Lanes - 1) / Lanes;
        var transposed = Transpose(MemoryMarshal.AsBytes(train), trains, Lanes);
        var padding = stackalloc ushort[Lanes];
        for (var i = 0; i < Lanes; i++)
            padding[i] = i < trains - (blocks - 1) * Lanes ? (ushort)0 : ushort.MaxValue;
        var padLower = Vector256.Load(padding);
        var padUpper = Vector256.Load(padding + Lanes / 2);
        var rows = stackalloc Vector256<byte>[2 * Bytes];
        var nibble = Vector256.Create((byte)0x0F);
        try
        {
            fixed (byte* table = NibbleDistances)
            fixed (byte* start = transposed)
            {
                for (var q = 0; q < queries; q++)
                {
                    for (var j = 0; j < Bytes; j++)
                    {
                        var b = queryBytes[q * Bytes + j];
                        rows[j] = Vector256.Load(table + (b & 0x0F) * 64);
                        rows[Bytes + j] = Vector256.Load(table + (b >> 4) * 64);
                    }
                    int d1 = int.MaxValue, d2 = int.MaxValue, index = -1;
                    for (var block = 0; block < blocks; block++)
                    {
                        var p = start + block * Bytes * Lanes;
                        var first = Vector256<byte>.Zero;
                        var second = Vector256<byte>.Zero;
                        var row = rows;
                        for (var end = p + Bytes / 2 * Lanes; p < end; p += Lanes, row++)
                        {
                            var x = Vector256.Load(p);
                            first += Avx2.Shuffle(row[0], x & nibble) + Avx2.Shuffle(row[Bytes], (x.AsUInt16() >>> 4).AsByte() & nibble);
                            var y = Vector256.Load(p + Bytes / 2 * Lanes);
                            second += Avx2.Shuffle(row[Bytes / 2], y & nibble)
                                + Avx2.Shuffle(row[Bytes + Bytes / 2], (y.AsUInt16() >>> 4).AsByte() & nibble);
                        }
                        var lower = Avx2.ConvertToVector256Int16(first.GetLower()).AsUInt16() + Avx2.ConvertToVector256Int16(second.GetLower()).AsUInt16();
                        var upper = Avx2.ConvertToVector256Int16(first.GetUpper()).AsUInt16() + Avx2.ConvertToVector256Int16(second.GetUpper()).AsUInt16();
                        if (block == blocks - 1)
                        {
                            lower |= padLower;
                            upper |= padUpper;
                        }
                        var both = Vector256.Min(lower, upper);
                        if (Vector256.LessThanAny(both, Vector256.Create((ushort)Math.Min(d2, ushort.MaxValue))))
                            MergeBlock(lower, upper, both, block * Lanes, ref d1, ref d2, ref index);
                    }
                    best[q] = index;
                    bestDistance[q] = d1;
                    secondDistance[q] = d2;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(transposed);
        }
        return (best, bestDistance, secondDistance);
    }

    // All ones in the lanes of the 64 trains whose points lie nearer p than sqrt(minSquared), in the scalar
    // loop's float arithmetic (no fused multiply-add).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector512<int>, Vector512<int>, Vector512<int>, Vector512<int>) Near(float* xs, float* ys, Point2f p, float minSquared)
    {
        var px = Vector512.Create(p.X);
        var py = Vector512.Create(p.Y);
        var limit = Vector512.Create(minSquared);
        Vector512<int> Lanes16(int i)
        {
            var dx = px - Vector512.Load(xs + 16 * i);
            var dy = py - Vector512.Load(ys + 16 * i);
            return Vector512.LessThan(dx * dx + dy * dy, limit).AsInt32();
        }
        return (Lanes16(0), Lanes16(1), Lanes16(2), Lanes16(3));
    }

    // transposed[(block * 32 + j) * lanes + i] = byte j of train (block * lanes + i): one vector load gives the same
    // byte of `lanes` trains. Padding trains are zero (their distances are overwritten with 0xFFFF).
    private static byte[] Transpose(ReadOnlySpan<byte> train, int trains, int lanes)
    {
        var length = (trains + lanes - 1) / lanes * Bytes * lanes;
        var transposed = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        Array.Clear(transposed, 0, length);
        for (var t = 0; t < trains; t++)
        {
            var start = t / lanes * Bytes * lanes + t % lanes;
            var descriptor = train.Slice(t * Bytes, Bytes);
            for (var j = 0; j < Bytes; j++)
                transposed[start + j * lanes] = descriptor[j];
        }
        return transposed;
    }

    // Folds one block's distances (trains offset.., in lane order) into the running two smallest. After any sequence
    // the scalar loop holds the two smallest distances seen (duplicates counted) and the first index of the
    // smallest; the same follows from the block's smallest, its first lane and the block's second smallest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MergeBlock(Vector512<ushort> lower, Vector512<ushort> upper, Vector512<ushort> both, int offset, ref int d1, ref int d2, ref int index)
    {
        var min = MinOf(Vector256.Min(both.GetLower(), both.GetUpper()));
        var minVector = Vector512.Create(min);
        var atLower = Vector512.Equals(lower, minVector);
        var atUpper = Vector512.Equals(upper, minVector);
        var at = atLower.ExtractMostSignificantBits() | (atUpper.ExtractMostSignificantBits() << 32);
        var second = (int)min;
        if (BitOperations.PopCount(at) == 1)
        {
            // The one smallest lane becomes 0xFFFF (its equality mask is all ones) and the minimum is taken again.
            var rest = Vector512.Min(lower | atLower, upper | atUpper);
            second = MinOf(Vector256.Min(rest.GetLower(), rest.GetUpper()));
        }
        Merge(min, second, offset + BitOperations.TrailingZeroCount(at), ref d1, ref d2, ref index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MergeBlock(Vector256<ushort> lower, Vector256<ushort> upper, Vector256<ushort> both, int offset, ref int d1, ref int d2, ref int index)
    {
        var min = MinOf(both);
        var minVector = Vector256.Create(min);
        var atLower = Vector256.Equals(lower, minVector);
        var atUpper = Vector256.Equals(upper, minVector);
        var at = atLower.ExtractMostSignificantBits() | (atUpper.ExtractMostSignificantBits() << 16);
        var second = (int)min;
        if (BitOperations.PopCount(at) == 1)
            second = MinOf(Vector256.Min(lower | atLower, upper | atUpper));
        Merge(min, second, offset + BitOperations.TrailingZeroCount(at), ref d1, ref d2, ref index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort MinOf(Vector256<ushort> v) => Sse41.MinHorizontal(Vector128.Min(v.GetLower(), v.GetUpper())).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(int min, int second, int at, ref int d1, ref int d2, ref int index)
    {
        // 0xFFFF is a padding train's distance: the block had no second train.
        if (second == ushort.MaxValue)
            second = int.MaxValue;
        if (min < d1)
        {
            d2 = Math.Min(d1, second);
            d1 = min;
            index = at;
        }
        else
        {
            // An equal distance keeps the earlier index and becomes the runner-up.
            d2 = Math.Min(d2, min);
        }
    }

    private static byte[] BuildNibbleDistances()
    {
        var table = new byte[16 * 64];
        for (var q = 0; q < 16; q++)
        {
            for (var i = 0; i < 64; i++)
                table[q * 64 + i] = (byte)BitOperations.PopCount((uint)(q ^ (i & 0x0F)));
        }
        return table;
    }
}
