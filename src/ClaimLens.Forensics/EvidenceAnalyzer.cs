using System.Diagnostics;
using System.Security.Cryptography;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics;

/// <summary>The engine's entry point: image bytes in, <see cref="EvidenceReport"/> out.</summary>
public static class EvidenceAnalyzer
{
    /// <summary>Analyses one evidence photo.</summary>
    /// <exception cref="ImageLoadException">The bytes are not a supported, intact image of acceptable size.
    /// Everything else that is wrong with the file (a broken manifest, odd metadata) becomes a finding.</exception>
    public static AnalysisResult Analyze(ReadOnlySpan<byte> data, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        var image = ImageLoader.Load(data, options.Limits);
        Lap(timings, "decode", clock);

        var findings = new List<Finding>();
        var capture = CaptureInfo.Empty;

        findings.Sort(static (a, b) => b.Severity != a.Severity ? b.Severity.CompareTo(a.Severity) : b.Confidence.CompareTo(a.Confidence));
        var (verdict, risk) = RiskModel.Assess(findings);
        var info = new ImageInfo(options.Path, sha256, ImageLoader.Describe(image.Format).ToLowerInvariant(), image.Width, image.Height, capture);
        var report = new EvidenceReport(info, verdict, risk, findings, timings);
        return new AnalysisResult(report, image, changeMask: null, suspicionMap: null);
    }

    private static void Lap(Dictionary<string, double> timings, string stage, Stopwatch clock)
    {
        timings[stage] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
    }
}
