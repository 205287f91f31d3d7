using System.Text.Json.Nodes;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Pixels;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Pixels;

public sealed class NoiseAnalysisTests
{
    private static readonly Rect Patch = new(420, 200, 160, 128);

    [Fact]
    public void Inspect_SmoothedPatchInNoisyPhoto_FindsRegionOverlappingThePatch()
    {
        using var scene = SyntheticImages.NoisyScene(800, 600, noiseSigma: 5, seed: 21);
        using (var roi = new Mat(scene, Patch))
            Cv2.GaussianBlur(roi, roi, new Size(0, 0), 4);
        var bytes = SyntheticImages.Jpeg(scene, 95);
        using var image = ImageLoader.Load(bytes);

        using var report = PixelInspector.Inspect(image, bytes);

        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.LocalNoiseInconsistency);
        Assert.Equal(Severity.Warning, finding.Severity);
        var regions = finding.Details["regions"]!.AsArray().Select(ToRect).ToList();
        Assert.Contains(regions, r => (r & Patch).Width * (r & Patch).Height > Patch.Width * Patch.Height / 4);
        Assert.NotNull(report.SuspicionMap);
        Assert.Equal(MatType.CV_8UC1, report.SuspicionMap.Type());
        Assert.Equal(image.Bgr.Size(), report.SuspicionMap.Size());
        Assert.True(report.SuspicionMap.At<byte>(Patch.Y + Patch.Height / 2, Patch.X + Patch.Width / 2) > 0);
        Assert.Equal(0, report.SuspicionMap.At<byte>(40, 40));
    }

    [Fact]
    public void Inspect_UniformlyNoisyPhoto_FindsNothing()
    {
        using var scene = SyntheticImages.NoisyScene(800, 600, noiseSigma: 5, seed: 22);
        var bytes = SyntheticImages.Jpeg(scene, 95);
        using var image = ImageLoader.Load(bytes);

        using var report = PixelInspector.Inspect(image, bytes);

        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.LocalNoiseInconsistency);
        Assert.Null(report.SuspicionMap);
    }

    [Fact]
    public void Inspect_SmoothedPatchAtHalfScale_ReportsFullResolutionCoordinates()
    {
        using var scene = SyntheticImages.NoisyScene(800, 600, noiseSigma: 5, seed: 23);
        using (var roi = new Mat(scene, Patch))
            Cv2.GaussianBlur(roi, roi, new Size(0, 0), 4);
        // Pretend the working image is half of a 1600 x 1200 original.
        using var image = new DecodedImage(ImageFormat.Jpeg, 1600, 1200, scene.Clone());

        using var report = PixelInspector.Inspect(image, []);

        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.LocalNoiseInconsistency);
        var full = new Rect(Patch.X * 2, Patch.Y * 2, Patch.Width * 2, Patch.Height * 2);
        Assert.Contains(finding.Details["regions"]!.AsArray().Select(ToRect), r => (r & full).Width > Patch.Width);
    }

    internal static Rect ToRect(JsonNode? node)
    {
        var a = node!.AsArray();
        return new Rect((int)a[0]!, (int)a[1]!, (int)a[2]!, (int)a[3]!);
    }
}
