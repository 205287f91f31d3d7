using System.Diagnostics;
using System.Security.Cryptography;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using ClaimLens.Web.Evidence.Renditions;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>`analysis-extras [N]`: what the desk's analysis job does for a photo beyond the engine call, step by
/// step, on desk-load's forged claims (thread CPU time is not used: one thread, wall time per step, medians).</summary>
internal static class AnalysisExtras
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 24;
        Cv2.SetNumThreads(1);
        // `copies WIDTH` draws the listing at another width (4:3), e.g. one the engine decodes without reduction.
        using var listing = args is [_, "copies", var w] && int.TryParse(w, out var width)
            ? ClaimLens.DevSet.ProductPhoto.Draw(width, width * 3 / 4)
            : ClaimLens.DevSet.ProductPhoto.Draw();
        Cv2.ImEncode(".jpg", listing, out var listingBytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        using var reference = ReferenceImage.Load(listingBytes, "listing");
        if (args is [_, "copies", ..])
        {
            // Unedited copies of the listing re-saved at several qualities: what a copy's noise correlation is.
            using var decoded = Cv2.ImDecode(listingBytes, ImreadModes.Color);
            foreach (var q in new[] { 95, 92, 90, 85, 80 })
            {
                Cv2.ImEncode(".jpg", decoded, out var copy, new ImageEncodingParam(ImwriteFlags.JpegQuality, q));
                using var r = EvidenceAnalyzer.Analyze(copy, new AnalysisOptions { References = [reference] });
                Console.WriteLine($"copy at q{q}: {r.Report.Verdict}, noise {r.Derivation?.NoiseCorrelation:F3} / expected {r.Derivation?.ExpectedNoiseCorrelation:F3}, ratio {r.Derivation?.ResidualRatio:F2}");
                // A sibling: the drawn original saved at the claim's quality, as a platform re-encodes the merchant's upload.
                Cv2.ImEncode(".jpg", listing, out var sibling, new ImageEncodingParam(ImwriteFlags.JpegQuality, q));
                using var s = EvidenceAnalyzer.Analyze(sibling, new AnalysisOptions { References = [reference] });
                Console.WriteLine($"sibling at q{q}: {s.Report.Verdict}, noise {s.Derivation?.NoiseCorrelation:F3} / expected {s.Derivation?.ExpectedNoiseCorrelation:F3}, ratio {s.Derivation?.ResidualRatio:F2}");
            }
            return 0;
        }
        using var downloaded = Cv2.ImDecode(listingBytes, ImreadModes.Color);
        var steps = new Dictionary<string, List<double>>();
        void Time(string step, Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            (steps.TryGetValue(step, out var list) ? list : steps[step] = []).Add(clock.Elapsed.TotalMilliseconds);
        }
        for (var i = 0; i < count; i++)
        {
            var claim = DeskLoad.Forged(downloaded, i);
            AnalysisResult? result = null;
            Time("engine", () => result = EvidenceAnalyzer.Analyze(claim, new AnalysisOptions { References = [reference] }));
            using (result)
            {
                if (i == 0)
                    Console.WriteLine($"verdict {result!.Report.Verdict}, derivation {result.Derivation}");
                byte[] heatmap = [];
                Time("report json", () => ReportJson.Serialize(result!.Report, indented: false));
                Time("heat map jpeg", () => heatmap = result!.RenderHeatmapJpeg());
                Time("mask png", () => result!.RenderWorkingMaskPng());
                Time("aligned reference jpeg", () =>
                {
                    var frame = ImageSniffer.Sniff(heatmap);
                    if (result!.Derivation is { Derived: true } match)
                        AlignedReferenceImage.RenderJpeg(reference.Image, match.Homography, result.Report.Image.Width, result.Report.Image.Height, frame.Width, frame.Height);
                });
                Time("sha-256 of the photo", () => SHA256.HashData(claim));
            }
        }
        foreach (var (step, list) in steps)
        {
            list.Sort();
            // The first photo pays the JIT: left out of the median's company by reporting it apart.
            Console.WriteLine($"{step,-24} median {list[list.Count / 2],7:F1} ms   first {list[0],7:F1} ms (sorted min)");
        }
        return 0;
    }
}
