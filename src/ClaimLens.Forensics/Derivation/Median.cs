namespace ClaimLens.Forensics.Derivation;

/// <summary>Order statistics without a full sort (the hot paths take medians of 10^5 values per claim).</summary>
internal static class Median
{
    /// <summary>The <paramref name="k"/>-th smallest value (0-based); reorders <paramref name="values"/>.</summary>
    public static float Select(Span<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
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
