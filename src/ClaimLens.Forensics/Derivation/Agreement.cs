namespace ClaimLens.Forensics.Derivation;

/// <summary>Classifies blocks as explained by the global filtered-copy model or not, and decides derivation.</summary>
internal sealed class Agreement
{
    // Calibrated on derived and re-photographed pairs (see docs/decisions/0002).
    internal const double NoiseMultiplier = 3.0;
    internal const double TextureAllowance = 0.004;
    internal const double ChromaMultiplier = 4.0;
    internal const double MinExplainedFraction = 0.6;
    internal const double MaxResidualRatio = 1.2;
    internal const double MaxLocalShift = 0.3;
    internal const int MinComparedBlocks = 12;

    // Blocks with a gradient RMS below 3 grey levels per pixel cannot measure a sub-pixel shift above noise.
    private const double MinGradientEnergy = 2 * (3 / BlockFit.Unit) * (3 / BlockFit.Unit);

    private Agreement(ToneModel model, bool[] explained, int compared, double explainedFraction, double residualRatio, double localShift)
    {
        LocalShift = localShift;
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

    /// <summary>Median local shift (analysis pixels) over textured explained blocks; 0 when none can tell.</summary>
    public double LocalShift { get; }

    public bool Derived => Compared >= MinComparedBlocks && ExplainedFraction >= MinExplainedFraction
        && ResidualRatio <= MaxResidualRatio && LocalShift <= MaxLocalShift;

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
            return new Agreement(model, explained, 0, 0, double.PositiveInfinity, 0);
        ratios.Sort();
        // Shifts are measured where the model fits at all (not under an edit) and where there is gradient.
        var shifts = new List<double>(n);
        var cut = ratios[(int)(ratios.Count * 0.8)];
        for (var i = 0; i < n; i++)
        {
            if (!fit.Valid[i] || Math.Sqrt(model.Residual[i] / lumaNoise) > cut)
                continue;
            var shift = model.LocalShift(fit, i, MinGradientEnergy);
            if (!double.IsNaN(shift))
                shifts.Add(shift);
        }
        shifts.Sort();
        var localShift = shifts.Count >= MinComparedBlocks ? shifts[shifts.Count / 2] : 0;
        return new Agreement(model, explained, ratios.Count, (double)count / ratios.Count, ratios[ratios.Count / 2], localShift);
    }
}
