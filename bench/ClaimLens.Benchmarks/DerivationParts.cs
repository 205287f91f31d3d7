using System.Runtime.InteropServices;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Benchmarks;

/// <summary>`parts [runs]`: each derivation step (and the pixel signals) on the engine benchmark's claim against its true reference,
/// timed by the calling thread's CPU clock (Linux), so a busy machine does not inflate the figures.</summary>
internal static class DerivationParts
{
    public static void Run(int runs)
    {
        Cv2.SetNumThreads(1);
        var (original, claimBytes, _) = BenchInputs.ForgedTwelveMegapixel();
        using var reference = ReferenceImage.Load(original, "listing");
        using var claim = ImageLoader.Load(claimBytes);
        var jpeg = JpegInfo.Read(claimBytes);
        var times = new Dictionary<string, List<double>>();
        T Time<T>(string name, Func<T> step)
        {
            var start = ThreadCpuMs();
            var value = step();
            if (!times.TryGetValue(name, out var list))
                times[name] = list = [];
            list.Add(ThreadCpuMs() - start);
            return value;
        }
        for (var run = 0; run < runs + 1; run++)
        {
            Time("decode", () => ImageLoader.Load(claimBytes)).Dispose();
            using var analysis = Time("analysisImage", () => AnalysisImage.Create(claim.Bgr));
            var features = Time("features", () => FeatureSet.Detect(analysis.Gray, FeatureSet.ClaimFeatures));
            Time("hammingScalar", () => HammingMatcher.SearchScalar(features.Descriptors, reference.Features.Descriptors));
            Time("hammingSearch", () => HammingMatcher.Search(features.Descriptors, reference.Features.Descriptors));
            var match = Time("matchOne", () => GeometricMatch.Find(features, reference, false, new Size(analysis.Width, analysis.Height)))!;
            using var aligned = Time("align", () => AlignedReference.Create(reference, match.Homography, analysis));
            times.TryAdd("refine", []);
            times["refine"].Add(aligned.RefineMs);
            var bs = BlockFit.ChooseBlockSize(analysis.Width, analysis.Height);
            var fit = Time("blockFit", () => BlockFit.Compute(analysis.Planes, aligned.Planes, aligned.Valid, bs));
            var kernelPlanes = Enumerable.Range(0, 11).Select(_ => { var m = new Mat(analysis.Height / bs * bs, analysis.Width / bs * bs, MatType.CV_32FC1); Cv2.Randu(m, Scalar.All(0), Scalar.All(1)); return m; }).ToArray();
            Time("blockMomentsKernel", () => BlockMoments.Compute(kernelPlanes, bs));
            foreach (var m in kernelPlanes)
                m.Dispose();
            var luma = NoiseModel.LumaVariance(jpeg, (double)claim.Width / analysis.Width);
            var chroma = NoiseModel.ChromaVariance(jpeg, (double)claim.Width / analysis.Width);
            var noise = Time("noiseCorrelation", () => NoiseCorrelation.Measure(analysis.Planes, aligned.Planes, aligned.Valid, bs, luma, jpeg, (double)claim.Width / analysis.Width));
            var agreement = Time("agreement", () => Agreement.Evaluate(fit, luma, chroma, noise));
            Time("changeMask", () => ChangeMask.Build(analysis.Planes, aligned, fit, agreement, luma, chroma)).Dispose();
            Time("pixels.compression", () => ClaimLens.Forensics.Pixels.CompressionAnalysis.Inspect(claim, claimBytes));
            Time("pixels.noise", () => ClaimLens.Forensics.Pixels.NoiseAnalysis.Analyze(claim.Bgr, claim.Scale)).Heat?.Dispose();
            Time("pixels.copyMove", () => ClaimLens.Forensics.Pixels.CopyMoveAnalysis.Analyze(claim.Bgr, claim.Scale));
            if (run == 0)
            {
                Console.WriteLine($"shift {agreement.LocalShift:F4} ratio {agreement.ResidualRatio:F4} explained {agreement.ExplainedFraction:F4} derived {agreement.Derived}");
                times.Clear();
            }
        }
        Console.WriteLine($"// derivation parts: median thread-CPU ms over {runs} runs");
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine($"  {name,-18} {list[list.Count / 2],8:F1}  ({list[0]:F1}-{list[^1]:F1})");
        }
    }

    /// <summary>`match CLAIM REF...`: the derivation's best match for one claim, every field, to see why a
    /// claim is or is not called derived.</summary>
    public static void Describe(string claimPath, string[] referencePaths)
    {
        var bytes = File.ReadAllBytes(claimPath);
        using var claim = ImageLoader.Load(bytes);
        var references = referencePaths.Select(p => ReferenceImage.Load(File.ReadAllBytes(p), Path.GetFileName(p))).ToList();
        try
        {
            using var report = DerivationInspector.Inspect(claim, references, JpegInfo.Read(bytes));
            Console.WriteLine($"{report.Match} changed={report.ChangedFraction:F4}");
            // Why a reference did or did not match: features on each side, matches passing the ratio test, inliers.
            using var analysis = AnalysisImage.Create(claim.Bgr);
            var features = FeatureSet.Detect(analysis.Gray, FeatureSet.ClaimFeatures);
            foreach (var reference in references)
            {
                var (_, best, second) = HammingMatcher.Search(features.Descriptors, reference.Features.Descriptors);
                var passing = best.Zip(second).Count(d => d.Second != int.MaxValue && d.First < 0.8 * d.Second);
                var match = GeometricMatch.Find(features, reference, false, new OpenCvSharp.Size(analysis.Width, analysis.Height));
                Console.WriteLine($"  {reference.Name}: claim {analysis.Width}x{analysis.Height} {features.Count} features, reference " +
                    $"{reference.Analysis.Width}x{reference.Analysis.Height} {reference.Features.Count}; ratio test {passing}; inliers {match?.Inliers.ToString() ?? "none"}");
            }
        }
        finally
        {
            references.ForEach(r => r.Dispose());
        }
    }

    private static double ThreadCpuMs()
    {
        // CLOCK_THREAD_CPUTIME_ID = 3 on Linux.
        return clock_gettime(3, out var ts) == 0 ? ts.Seconds * 1e3 + ts.Nanoseconds / 1e6 : double.NaN;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
