namespace ClaimLens.Forensics.Derivation;

/// <summary>Classifies blocks of a <see cref="BlockFit"/> as explained or not and decides derivation.</summary>
internal sealed class Agreement
{
    // Calibrated on derived and re-photographed pairs (see docs/decisions/0002).
    internal static double NoiseMultiplier { get; set; } = 3.0;
    internal static double TextureAllowance { get; set; } = 0.002;
    internal static double ChromaMultiplier { get; set; } = 4.0;
    internal static double MinExplainedFraction { get; set; } = 0.6;
    internal static double MaxResidualRatio { get; set; } = 1.6;
    internal const int MinComparedBlocks = 12;

    private Agreement(bool[] explained, int compared, double explainedFraction, double residualRatio)
    {
        Explained = explained;
        Compared = compared;
        ExplainedFraction = explainedFraction;
        ResidualRatio = residualRatio;
    }

    public bool[] Explained { get; }

    public int Compared { get; }

    public double ExplainedFraction { get; }

    public double ResidualRatio { get; }

    public bool Derived => Compared >= MinComparedBlocks && ExplainedFraction >= MinExplainedFraction && ResidualRatio <= MaxResidualRatio;

    public static Agreement Evaluate(BlockFit fit, double lumaNoise, double chromaNoise)
    {
        var n = fit.Columns * fit.Rows;
        var explained = new bool[n];
        var ratios = new List<double>(n);
        var lumaLimit = NoiseMultiplier * NoiseMultiplier * lumaNoise;
        var chromaLimit = ChromaMultiplier * ChromaMultiplier * chromaNoise;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (!fit.Valid[i])
                continue;
            ratios.Add(Math.Sqrt(fit.Residual[i] / lumaNoise));
            explained[i] = fit.Residual[i] <= lumaLimit + TextureAllowance * fit.SignalVariance[i]
                && fit.ChromaResidual[i] <= chromaLimit;
            if (explained[i])
                count++;
        }
        if (ratios.Count == 0)
            return new Agreement(explained, 0, 0, double.PositiveInfinity);
        ratios.Sort();
        return new Agreement(explained, ratios.Count, (double)count / ratios.Count, ratios[ratios.Count / 2]);
    }
}
