using System.Collections.Concurrent;
using System.Diagnostics;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Cli.Evaluation;

/// <summary>Runs the engine over manifest rows. References shared by rows are prepared once (as the desk
/// does); the time per image is the analysis alone.</summary>
internal sealed class EvalRunner : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ReferenceImage?>> _references = new(StringComparer.Ordinal);

    public IReadOnlyList<EvalOutcome> Run(IReadOnlyList<EvalRow> rows, int parallelism, Action onRowDone)
    {
        var outcomes = new EvalOutcome[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            outcomes[i] = RunOne(rows[i]);
            onRowDone();
        });
        return outcomes;
    }

    private EvalOutcome RunOne(EvalRow row)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(row.Image);
        }
        catch (IOException ex)
        {
            return Failed(row, ex.Message);
        }

        var references = new List<ReferenceImage>(row.References.Count);
        foreach (var path in row.References)
        {
            var reference = _references.GetOrAdd(path, p => new Lazy<ReferenceImage?>(() => TryLoadReference(p))).Value;
            if (reference is null)
                return Failed(row, $"reference {Path.GetFileName(path)} cannot be loaded");
            references.Add(reference);
        }

        var clock = Stopwatch.StartNew();
        AnalysisResult result;
        try
        {
            result = EvidenceAnalyzer.Analyze(bytes, new AnalysisOptions { Path = Path.GetFileName(row.Image), References = references });
        }
        catch (ImageLoadException ex)
        {
            return Failed(row, ex.Message);
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        using (result)
        {
            var (iou, fraction) = row.Mask is null ? (null, 0) : MaskIou(result, row.Mask);
            var report = result.Report;
            var codes = report.Findings.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
            return new EvalOutcome(row, report.Verdict, report.Risk, codes, iou, fraction, ms, null) { Match = result.Derivation };
        }
    }

    private static (double? Iou, double TruthFraction) MaskIou(AnalysisResult result, string maskPath)
    {
        using var predicted = result.RenderMask();
        using var truthRaw = Cv2.ImRead(maskPath, ImreadModes.Grayscale);
        if (truthRaw.Empty())
            return (null, 0);
        using var truth = new Mat();
        Cv2.Resize(truthRaw, truth, predicted.Size(), 0, 0, InterpolationFlags.Nearest);
        Cv2.Threshold(truth, truth, 127, 255, ThresholdTypes.Binary);
        var truthArea = Cv2.CountNonZero(truth);
        var fraction = (double)truthArea / (truth.Rows * (double)truth.Cols);
        if (truthArea == 0)
            return (null, 0);
        using var intersection = new Mat();
        using var union = new Mat();
        Cv2.BitwiseAnd(predicted, truth, intersection);
        Cv2.BitwiseOr(predicted, truth, union);
        return ((double)Cv2.CountNonZero(intersection) / Cv2.CountNonZero(union), fraction);
    }

    private static ReferenceImage? TryLoadReference(string path)
    {
        try
        {
            return InputFiles.LoadReference(path);
        }
        catch (InputException)
        {
            return null;
        }
    }

    private static EvalOutcome Failed(EvalRow row, string error) =>
        new(row, Forensics.Report.Verdict.NoManipulationFound, 0, new HashSet<string>(), null, 0, 0, error);

    public void Dispose()
    {
        foreach (var lazy in _references.Values)
        {
            if (lazy.IsValueCreated)
                lazy.Value?.Dispose();
        }
    }
}
