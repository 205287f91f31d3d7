using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Benchmarks;

/// <summary>The engine target: a 12-megapixel JPEG against 3 prepared references on ONE core
/// (the process is pinned to core 0 and OpenCV runs single-threaded).</summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private byte[] _claim = [];
    private byte[] _original = [];
    private byte[][] _decoys = [];
    private List<ReferenceImage> _references = [];

    [GlobalSetup]
    public void Setup()
    {
        ClaimLens.Forensics.NativeHeap.KeepLargeBlocks();
        Cv2.SetNumThreads(1);
        var (original, claim, decoys) = BenchInputs.ForgedTwelveMegapixel();
        _claim = claim;
        _original = original;
        _decoys = decoys;
        _references = [ReferenceImage.Load(decoys[0], "decoy-1"), ReferenceImage.Load(original, "listing"), ReferenceImage.Load(decoys[1], "decoy-2")];
    }

    [GlobalCleanup]
    public void Cleanup() => _references.ForEach(r => r.Dispose());

    /// <summary>The per-claim cost the desk pays: references were prepared when the merchant uploaded them.</summary>
    [Benchmark(Baseline = true)]
    public int ClaimAgainstThreePreparedReferences()
    {
        using var result = EvidenceAnalyzer.Analyze(_claim, new AnalysisOptions { References = _references });
        return result.Report.Risk;
    }

    /// <summary>The cold cost, as `claimlens inspect --ref` pays it: the three references are decoded and prepared too.</summary>
    [Benchmark]
    public int ClaimWithThreeColdReferences()
    {
        var references = new[] { ReferenceImage.Load(_decoys[0], "decoy-1"), ReferenceImage.Load(_original, "listing"), ReferenceImage.Load(_decoys[1], "decoy-2") };
        try
        {
            using var result = EvidenceAnalyzer.Analyze(_claim, new AnalysisOptions { References = references });
            return result.Report.Risk;
        }
        finally
        {
            foreach (var r in references)
                r.Dispose();
        }
    }

    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig() => AddJob(Job.Default.WithAffinity(1).WithWarmupCount(3).WithIterationCount(15));
    }
}
