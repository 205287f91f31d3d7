using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Forensics.Derivation;

/// <summary>The luma noise a derived copy is expected to show against its aligned reference at analysis
/// resolution: the claim's own JPEG quantisation error, attenuated by the down-sampling from full resolution,
/// plus a floor for 8-bit rounding and resampling.</summary>
internal static class NoiseModel
{
    // Natural images rarely have AC coefficients larger than this in the frequencies where steps are coarse
    // (they are quantised to zero, and the error is the coefficient itself): cap each step's contribution.
    private const double StepCap = 14;

    private const double FloorVariance = 0.6;

    /// <summary>Expected residual variance per analysis pixel.</summary>
    /// <param name="jpeg">The claim's tables, or null for a lossless claim.</param>
    /// <param name="downsampling">Full-resolution pixels per analysis pixel (at least 1).</param>
    public static double LumaVariance(JpegInfo? jpeg, double downsampling) =>
        FloorVariance + (jpeg is null ? 0 : QuantisationVariance(jpeg.LumaTable, downsampling));

    /// <summary>Same for chroma (stored at half resolution in most phone JPEGs).</summary>
    public static double ChromaVariance(JpegInfo? jpeg, double downsampling) =>
        FloorVariance + (jpeg?.ChromaTable is null ? 0 : QuantisationVariance(jpeg.ChromaTable, downsampling / 2));

    internal static double QuantisationVariance(ReadOnlySpan<ushort> table, double downsampling)
    {
        if (table.Length != 64)
            return 0;
        var d = Math.Max(1, downsampling);
        Span<double> attenuation = stackalloc double[8];
        for (var u = 0; u < 8; u++)
            attenuation[u] = Attenuation(u, d);
        double sum = 0;
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                var q = Math.Min(table[8 * v + u], StepCap);
                sum += q * q / 12 * attenuation[u] * attenuation[u] * attenuation[v] * attenuation[v];
            }
        }
        var variance = sum / 64;
        // Beyond one block per analysis pixel, independent blocks average out.
        return d > 8 ? variance * 64 / (d * d) : variance;
    }

    // Gain of a d-pixel box average on the DCT basis of frequency u (period 16/u pixels).
    private static double Attenuation(int u, double d)
    {
        if (u == 0 || d <= 1)
            return 1;
        var x = Math.PI * u / 16;
        return Math.Min(1, Math.Abs(Math.Sin(x * d) / (d * Math.Sin(x))));
    }
}
