namespace ClaimLens.Forensics.Derivation;

/// <summary>Classifies blocks as explained by the global filtered-copy model or not, and decides derivation.</summary>
internal sealed class Agreement
{
    // Calibrated on derived and re-photographed pairs (see docs/decisions/0002).
    internal static double NoiseMultiplier { get; set; } = 3.0;
    internal static double TextureAllowance { get; set; } = 0.004;
    internal static double ChromaMultiplier { get; set; } = 4.0;
    internal static double MinExplainedFraction { get; set; } = 0.6;
    internal static double MaxResidualRatio { get; set; } = 1.2;
    internal const int MinComparedBlocks = 12;

    private Agreement(ToneModel model, bool[] explained, int compared, double explainedFraction, double residualRatio)
    {
        Model = model;
        Explained = explained;
        Compared = compared;
        ExplainedFraction = explainedFraction;
        ResidualRatio = residualRatio;
    }

    public ToneModel Model { get; }

    public bool[] Explained { get; }

    public int Compared { get; }

    public double ExplainedFraction { get; }

    public double ResidualRatio { get; }

    public bool Derived => Compared >= MinComparedBlocks && ExplainedFraction >= MinExplainedFraction && ResidualRatio <= MaxResidualRatio;

    public static double Tolerance(double lumaNoise, double signalVariance) =>
        NoiseMultiplier * NoiseMultiplier * lumaNoise + TextureAllowance * signalVariance * BlockFit.Unit * BlockFit.Unit;

    public static Agreement Evaluate(BlockFit fit, double lumaNoise, double chromaNoise)
    {
        var n = fit.Count;
        var tolerance = new double[n];
        for (var i = 0; i < n; i++)
            tolerance[i] = Tolerance(lumaNoise, fit.SignalVariance[i]);
        var model = ToneModel.Fit(fit, tolerance);
        var explained = new bool[n];
        var ratios = new List<double>(n);
        var chromaLimit = ChromaMultiplier * ChromaMultiplier * chromaNoise;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (!fit.Valid[i])
                continue;
            ratios.Add(Math.Sqrt(model.Residual[i] / lumaNoise));
            explained[i] = model.Residual[i] <= tolerance[i] && model.ChromaResidual[i] <= chromaLimit;
            if (explained[i])
                count++;
        }
        if (ratios.Count == 0)
            return new Agreement(model, explained, 0, 0, double.PositiveInfinity);
        ratios.Sort();
        return new Agreement(model, explained, ratios.Count, (double)count / ratios.Count, ratios[ratios.Count / 2]);
    }
}
