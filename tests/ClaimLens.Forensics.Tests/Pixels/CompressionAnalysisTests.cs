using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Pixels;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Pixels;

public sealed class CompressionAnalysisTests
{
    [Fact]
    public void Inspect_Quality60ThenQuality90AtFullScale_ReportsDoubleQuantisation()
    {
        using var scene = SyntheticImages.Texture(640, 480, seed: 11);
        var bytes = SyntheticImages.JpegTwice(scene, 60, 90);
        using var image = ImageLoader.Load(bytes);

        var report = CompressionAnalysis.Inspect(image, bytes);

        Assert.Equal(1.0, image.Scale);
        var finding = Assert.IsType<Finding>(report.Finding);
        Assert.Equal(FindingCodes.Recompressed, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("dct_histogram", (string?)finding.Details["method"]);
        Assert.Equal(90, report.Quality);
        Assert.Equal(JpegTableKind.StandardIjg, report.TableKind);
        Assert.InRange(report.PrimaryQualityEstimate ?? 60, 50, 70);
    }

    [Fact]
    public void Inspect_SingleQuality90_ReportsNothing()
    {
        using var scene = SyntheticImages.Texture(640, 480, seed: 12);
        var bytes = SyntheticImages.Jpeg(scene, 90);
        using var image = ImageLoader.Load(bytes);

        var report = CompressionAnalysis.Inspect(image, bytes);

        Assert.Null(report.Finding);
        Assert.Equal(90, report.Quality);
        Assert.NotNull(report.Jpeg);
    }

    [Fact]
    public void Inspect_SingleQuality75StandardTable_GivesOnlyAnInfoTableHint()
    {
        using var scene = SyntheticImages.Texture(640, 480, seed: 13);
        var bytes = SyntheticImages.Jpeg(scene, 75);
        using var image = ImageLoader.Load(bytes);

        var finding = Assert.IsType<Finding>(CompressionAnalysis.Inspect(image, bytes).Finding);

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("quant_table", (string?)finding.Details["method"]);
        Assert.Equal("standard_ijg", (string?)finding.Details["tableKind"]);
    }

    [Fact]
    public void Inspect_DoubleCompressedButDecodedAtReducedScale_FallsBackToTheTable()
    {
        // 2400 px wide, 3:2: the loader decodes at 1/2, so the 8x8 grid is not visible. (A 2:1 picture is now
        // kept whole, as a screenshot is.)
        using var scene = SyntheticImages.Texture(2400, 1600, seed: 14);
        var bytes = SyntheticImages.JpegTwice(scene, 60, 80);
        using var image = ImageLoader.Load(bytes);

        var finding = Assert.IsType<Finding>(CompressionAnalysis.Inspect(image, bytes).Finding);

        Assert.True(image.Scale < 1);
        Assert.Equal("quant_table", (string?)finding.Details["method"]);
        Assert.False((bool?)finding.Details["pixelGridChecked"]);
    }

    [Fact]
    public void Inspect_NoBytesOrNotJpeg_ReportsNoJpegFacts()
    {
        using var scene = SyntheticImages.Texture(64, 64, seed: 15);
        using var image = SyntheticImages.Decoded(scene);

        var empty = CompressionAnalysis.Inspect(image, []);
        var png = CompressionAnalysis.Inspect(image, scene.ImEncode(".png"));

        Assert.Same(CompressionReport.None, empty);
        Assert.Null(png.Jpeg);
        Assert.Null(png.Finding);
    }
}
