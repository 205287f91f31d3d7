using System.Diagnostics;
using System.Security.Cryptography;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Metadata;
using ClaimLens.Forensics.Pixels;
using ClaimLens.Forensics.Provenance;
using ClaimLens.Forensics.Report;
using ClaimLens.Forensics.Reuse;
using OpenCvSharp;

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

        var image = ImageLoader.Load(data, options.Limits);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        Lap(timings, "decode", clock);

        var findings = new List<Finding>();
        DerivationReport? derivation = null;
        PixelReport? pixels = null;
        try
        {
            var jpeg = image.Format == ImageFormat.Jpeg ? JpegInfo.Read(data) : null;

            MetadataReport metadata;
            using (var gray = image.ToGray())
                metadata = MetadataInspector.Inspect(data, image.Format, new MetadataContext(options.DeliveredAt, gray));
            findings.AddRange(metadata.Findings);
            findings.AddRange(C2paInspector.Inspect(data, image.Format).Findings);
            Lap(timings, "labels", clock);

            if (options.References.Count > 0)
            {
                derivation = DerivationInspector.Inspect(image, options.References, jpeg);
                if (derivation.Finding is { } derived)
                    findings.Add(derived);
                Lap(timings, "derivation", clock);
            }

            var fingerprint = Fingerprinter.Compute(image.Bgr);
            if (options.Reuse is { } reuse)
            {
                var matches = reuse.Find(Fingerprinter.ComputeProbes(image.Bgr), ReuseFindings.MaxListed);
                if (ReuseFindings.Create(matches, reuse.Describe) is { } reused)
                    findings.Add(reused);
            }
            Lap(timings, "reuse", clock);

            pixels = PixelInspector.Inspect(image, data);
            findings.AddRange(pixels.Findings);
            Lap(timings, "pixels", clock);

            findings.Sort(static (a, b) => b.Severity != a.Severity ? b.Severity.CompareTo(a.Severity) : b.Confidence.CompareTo(a.Confidence));
            var (verdict, risk) = RiskModel.Assess(findings);
            var info = new ImageInfo(options.Path, sha256, ImageLoader.Describe(image.Format).ToLowerInvariant(), image.Width, image.Height, metadata.Capture);
            var report = new EvidenceReport(info, verdict, risk, findings, timings);
            var result = new AnalysisResult(report, image, fingerprint, TakeMask(derivation), TakeMap(pixels), derivation?.Match);
            image = null!;
            return result;
        }
        finally
        {
            derivation?.Dispose();
            pixels?.Dispose();
            image?.Dispose();
        }
    }

    // The result keeps copies so the inspectors' reports can be disposed as a unit.
    private static Mat? TakeMask(DerivationReport? derivation) => derivation?.ChangeMask?.Clone();

    private static Mat? TakeMap(PixelReport? pixels) => pixels?.SuspicionMap?.Clone();

    private static void Lap(Dictionary<string, double> timings, string stage, Stopwatch clock)
    {
        timings[stage] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
    }
}
