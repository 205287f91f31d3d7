using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Pixels;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Pixels;

public sealed class CopyMoveAnalysisTests
{
    private static readonly Rect Source = new(80, 90, 140, 120);
    private static readonly Rect Target = new(520, 380, 140, 120);

    [Fact]
    public void Inspect_RegionCopiedElsewhere_ReportsSourceAndTargetBoxes()
    {
        using var scene = SyntheticImages.Texture(800, 600, seed: 31);
        using (var copy = new Mat(scene, Source).Clone())
        using (var target = new Mat(scene, Target))
            copy.CopyTo(target);
        var bytes = SyntheticImages.Jpeg(scene, 92);
        using var image = ImageLoader.Load(bytes);

        using var report = PixelInspector.Inspect(image, bytes);

        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.CopyMove);
        Assert.Equal(Severity.Warning, finding.Severity);
        var boxes = new[] { NoiseAnalysisTests.ToRect(finding.Details["source"]), NoiseAnalysisTests.ToRect(finding.Details["target"]) };
        Assert.Contains(boxes, b => (b & Source).Width > 40 && (b & Source).Height > 40);
        Assert.Contains(boxes, b => (b & Target).Width > 40 && (b & Target).Height > 40);
        Assert.True((int)finding.Details["pairs"]! >= 8);
        var offset = finding.Details["offset"]!.AsArray();
        Assert.Equal(Target.X - Source.X, Math.Abs((double)offset[0]!), 2);
        Assert.Equal(Target.Y - Source.Y, Math.Abs((double)offset[1]!), 2);
        Assert.NotNull(report.SuspicionMap);
        Assert.Equal(255, report.SuspicionMap.At<byte>(Target.Y + Target.Height / 2, Target.X + Target.Width / 2));
    }

    [Fact]
    public void Inspect_TextureWithoutCopies_ReportsNoCopyMove()
    {
        using var scene = SyntheticImages.Texture(800, 600, seed: 32);
        var bytes = SyntheticImages.Jpeg(scene, 92);
        using var image = ImageLoader.Load(bytes);

        using var report = PixelInspector.Inspect(image, bytes);

        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.CopyMove);
    }

    [Fact]
    public void Inspect_RegularTilePattern_ReportsNoCopyMove()
    {
        // Tiles repeat exactly, like a clone would, but one period further on they repeat again.
        using var tile = SyntheticImages.Texture(100, 100, seed: 33);
        using var scene = new Mat(600, 800, MatType.CV_8UC3);
        for (var y = 0; y < 600; y += 100)
        {
            for (var x = 0; x < 800; x += 100)
            {
                using var cell = new Mat(scene, new Rect(x, y, 100, 100));
                tile.CopyTo(cell);
            }
        }
        SyntheticImages.AddNoise(scene, 3, 34);
        var bytes = SyntheticImages.Jpeg(scene, 92);
        using var image = ImageLoader.Load(bytes);

        using var report = PixelInspector.Inspect(image, bytes);

        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.CopyMove);
    }
}
