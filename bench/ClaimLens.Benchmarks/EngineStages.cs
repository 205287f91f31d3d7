using System.Diagnostics;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Benchmarks;

/// <summary>`stages [runs]`: the engine benchmark's claim, timed stage by stage (medians of the engine's own
/// timingsMs and the derivation's), to see where the time goes. Run it pinned: `taskset -c 0 dotnet run ...`.</summary>
internal static class EngineStages
{
    public static void Run(int runs)
    {
        Cv2.SetNumThreads(1);
        var (original, claim, decoys) = BenchInputs.ForgedTwelveMegapixel();
        var references = new List<ReferenceImage> { ReferenceImage.Load(decoys[0], "decoy-1"), ReferenceImage.Load(original, "listing"), ReferenceImage.Load(decoys[1], "decoy-2") };
        var engine = new Dictionary<string, List<double>>();
        var derivation = new Dictionary<string, List<double>>();
        try
        {
            for (var run = 0; run < runs + 2; run++)
            {
                var clock = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                using (var result = EvidenceAnalyzer.Analyze(claim, new AnalysisOptions { References = references }))
                {
                    // CPU time of the whole process (GC included): steadier than wall time on a busy machine.
                    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                    if (run >= 2)
                        Add(engine, result.Report.TimingsMs.Append(new KeyValuePair<string, double>("cpu", used)), clock.Elapsed.TotalMilliseconds);
                }
                using var decoded = ImageLoader.Load(claim);
                using var report = DerivationInspector.Inspect(decoded, references, JpegInfo.Read(claim));
                if (run >= 2)
                    Add(derivation, report.TimingsMs, report.TimingsMs.Values.Sum() - report.TimingsMs.GetValueOrDefault("refine"));
                if (run == 2 && report.Match is { } m)
                    Console.WriteLine($"match {m.ReferenceName} derived={m.Derived} explained={m.ExplainedFraction:F3} ratio={m.ResidualRatio:F3} shift={m.LocalShift:F3} changed={report.ChangedFraction:F4}");
            }
        }
        finally
        {
            references.ForEach(r => r.Dispose());
        }
        Print("engine", engine);
        Print("derivation", derivation);
    }

    private static void Add(Dictionary<string, List<double>> into, IEnumerable<KeyValuePair<string, double>> timings, double total)
    {
        foreach (var (stage, ms) in timings.Append(new KeyValuePair<string, double>("total", total)))
        {
            if (!into.TryGetValue(stage, out var list))
                into[stage] = list = [];
            list.Add(ms);
        }
    }

    private static void Print(string title, Dictionary<string, List<double>> stages)
    {
        Console.WriteLine($"// {title}: median ms (min-max) over {stages.Values.FirstOrDefault()?.Count ?? 0} runs");
        foreach (var (stage, list) in stages)
        {
            list.Sort();
            Console.WriteLine($"  {stage,-12} {list[list.Count / 2],8:F1}  ({list[0]:F1}-{list[^1]:F1})");
        }
    }
}
