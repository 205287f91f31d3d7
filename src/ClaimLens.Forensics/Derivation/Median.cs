using System.Runtime.CompilerServices;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Order statistics without a full sort (the hot paths take medians of 10^5 values per claim).</summary>
internal static class Median
{
    // Below this many values a quickselect alone is as quick as a histogram pass.
    private const int MinRadixValues = 8192;

    // Buckets of the radix pass: the top 16 bits of a float's order-preserving key (sign, exponent and 7 bits of
    // mantissa), so a bucket spans under 1 % of a value.
    private const int RadixBits = 16;

    /// <summary>The <paramref name="k"/>-th smallest value (0-based); reorders <paramref name="values"/>.</summary>
    public static float Select(Span<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        return values.Length >= MinRadixValues && RadixSelect(values, k) is { } value ? value : QuickSelect(values, k);
    }

    // One counting pass over the values' top key bits finds the bucket that holds the k-th value; only that bucket
    // is then quickselected. Quickselect's data-dependent branches over 10^5 values cost ~1.5 ms per claim. Null
    // (the caller quickselects) when a value is NaN, which has no rank.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float? RadixSelect(Span<float> values, int k)
    {
        var counts = new int[1 << RadixBits];
        foreach (var v in values)
        {
            if (float.IsNaN(v))
                return null;
            counts[Key(v) >> (32 - RadixBits)]++;
        }
        var bucket = 0;
        for (; k >= counts[bucket]; bucket++)
            k -= counts[bucket];
        var members = new float[counts[bucket]];
        var n = 0;
        foreach (var v in values)
        {
            if (Key(v) >> (32 - RadixBits) == bucket)
                members[n++] = v;
        }
        return QuickSelect(members, k);
    }

    // Unsigned keys in the floats' order; -0 takes +0's key, as the comparisons treat them as one value.
    private static uint Key(float v)
    {
        var bits = v == 0 ? 0u : BitConverter.SingleToUInt32Bits(v);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float QuickSelect(Span<float> values, int k)
    {
        var (lo, hi) = (0, values.Length - 1);
        while (lo < hi)
        {
            // Hoare partition around the middle element's value (median-of-three keeps sorted input linear).
            var mid = lo + ((hi - lo) / 2);
            var pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                hi = j;
            else if (k >= i)
                lo = i;
            else
                return values[k];
        }
        return values[k];
    }

    private static float MedianOfThree(float a, float b, float c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
