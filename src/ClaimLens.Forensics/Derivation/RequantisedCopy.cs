using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>What the claim's JPEG quantisation would make of the aligned reference, simulated at analysis
/// resolution: the copy a buyer would produce by saving the reference at the claim's quality.</summary>
/// <remarks>
/// Re-quantisation does not add independent noise to a weak residual, it removes it: a coefficient well below its
/// step is zeroed, so a clean listing re-saved at q80 keeps little of its fine noise, and the additive noise model
/// over-states the correlation a copy would show. The simulation quantises each 8 x 8 analysis tile with the
/// claim's table mapped to analysis resolution. A full-resolution frequency u (period 16/u pixels) appears at
/// analysis frequency u·d after a d-fold reduction, and white noise's coefficients shrink by d with the averaging,
/// so the step for analysis frequency u' is q(u'/d) / d: a coefficient's size against its step, which alone sets
/// how much of it survives, is what it was at full resolution.
/// </remarks>
internal static class RequantisedCopy
{
    private const int N = 8;

    // A coarse step of the reference zeroed coefficients that were small to begin with: the original lies within
    // the cell only as far as natural coefficients reach (the cap NoiseModel uses for the same reason).
    private const double SiblingStepCap = 14;

    // Orthonormal 8-point DCT-II basis (the JPEG transform): row u is the frequency-u basis vector.
    private static readonly double[] Basis = BuildBasis();

    /// <summary>A copy of the aligned reference luma whose listed blocks are quantised as the claim was.
    /// The caller disposes it.</summary>
    /// <param name="luma">Analysis luma of the aligned reference.</param>
    /// <param name="blocks">The blocks to quantise.</param>
    /// <param name="columns">Blocks per row.</param>
    /// <param name="blockSize">Block side in pixels.</param>
    /// <param name="table">The claim's luma steps.</param>
    /// <param name="downsampling">Full-resolution claim pixels per analysis pixel.</param>
    /// <param name="referenceTable">The reference's own steps (null: lossless) at <paramref name="referenceDownsampling"/>
    /// full-resolution reference pixels per analysis pixel. The reference is then itself a quantised picture, and a
    /// listing the buyer downloaded is often a sibling of it (the platform re-encoded the merchant's upload), not a
    /// copy: its quantisation error is not shared. The simulation starts from an original drawn inside the
    /// reference's quantisation cells, so the expectation holds for siblings as well as for copies.</param>
    /// <param name="referenceDownsampling">Full-resolution reference pixels per analysis pixel.</param>
    public static Mat Simulate(Mat luma, IReadOnlyList<int> blocks, int columns, int blockSize, ReadOnlySpan<ushort> table, double downsampling,
        ReadOnlySpan<ushort> referenceTable = default, double referenceDownsampling = 1)
    {
        var steps = AnalysisSteps(table, downsampling);
        var cells = referenceTable.Length == N * N ? AnalysisSteps(referenceTable, referenceDownsampling, SiblingStepCap) : null;
        // Seeded: the same claim and reference must always give the same verdict.
        var random = new Random(blocks.Count);
        var width = luma.Width;
        var pixels = new float[width * luma.Height];
        using (var continuous = luma.IsContinuous() ? null : luma.Clone())
            Marshal.Copy((continuous ?? luma).Data, pixels, 0, pixels.Length);
        Span<double> tile = stackalloc double[N * N];
        Span<double> scratch = stackalloc double[N * N];
        foreach (var block in blocks)
        {
            var x0 = block % columns * blockSize;
            var y0 = block / columns * blockSize;
            for (var ty = y0; ty < y0 + blockSize; ty += N)
            {
                for (var tx = x0; tx < x0 + blockSize; tx += N)
                {
                    for (var y = 0; y < N; y++)
                        for (var x = 0; x < N; x++)
                            tile[y * N + x] = pixels[(ty + y) * width + tx + x] - 128;
                    Transform(tile, scratch, inverse: false);
                    for (var i = 0; i < N * N; i++)
                    {
                        var original = cells is null ? tile[i] : tile[i] + (random.NextDouble() - 0.5) * cells[i];
                        tile[i] = Math.Round(original / steps[i]) * steps[i];
                    }
                    Transform(tile, scratch, inverse: true);
                    for (var y = 0; y < N; y++)
                        for (var x = 0; x < N; x++)
                            pixels[(ty + y) * width + tx + x] = (float)(tile[y * N + x] + 128);
                }
            }
        }
        var simulated = new Mat(luma.Rows, luma.Cols, MatType.CV_32FC1);
        Marshal.Copy(pixels, 0, simulated.Data, pixels.Length);
        return simulated;
    }

    /// <summary>The claim's steps as they act at analysis resolution (see the remarks).</summary>
    internal static double[] AnalysisSteps(ReadOnlySpan<ushort> table, double downsampling, double cap = double.PositiveInfinity)
    {
        var d = Math.Max(1, downsampling);
        var steps = new double[N * N];
        for (var v = 0; v < N; v++)
        {
            for (var u = 0; u < N; u++)
            {
                var fullU = Math.Min(N - 1, (int)Math.Round(u / d));
                var fullV = Math.Min(N - 1, (int)Math.Round(v / d));
                steps[v * N + u] = Math.Max(1e-3, Math.Min(cap, table[fullV * N + fullU]) / d);
            }
        }
        return steps;
    }

    // Separable 2-D transform in place: F = B X B^T, or X = B^T F B for the inverse.
    private static void Transform(Span<double> tile, Span<double> scratch, bool inverse)
    {
        for (var r = 0; r < N; r++)
        {
            for (var k = 0; k < N; k++)
            {
                double sum = 0;
                for (var j = 0; j < N; j++)
                    sum += tile[r * N + j] * (inverse ? Basis[j * N + k] : Basis[k * N + j]);
                scratch[r * N + k] = sum;
            }
        }
        for (var c = 0; c < N; c++)
        {
            for (var k = 0; k < N; k++)
            {
                double sum = 0;
                for (var j = 0; j < N; j++)
                    sum += scratch[j * N + c] * (inverse ? Basis[j * N + k] : Basis[k * N + j]);
                tile[k * N + c] = sum;
            }
        }
    }

    private static double[] BuildBasis()
    {
        var basis = new double[N * N];
        for (var u = 0; u < N; u++)
        {
            var scale = u == 0 ? Math.Sqrt(1.0 / N) : Math.Sqrt(2.0 / N);
            for (var x = 0; x < N; x++)
                basis[u * N + x] = scale * Math.Cos(Math.PI * (2 * x + 1) * u / (2 * N));
        }
        return basis;
    }
}
