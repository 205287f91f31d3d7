using System.Text.Json;
using ClaimLens.DevSet;
using OpenCvSharp;

namespace ClaimLens.Cli.Tests;

public sealed class IndexAndEvalCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Write(string name, Mat image, int quality = 92)
    {
        var path = _dir.File(name);
        image.ImWrite(path, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return path;
    }

    [Fact]
    public void IndexAdd_ThenInspectAResizedCopy_ReportsReusedEvidence()
    {
        using var listing = ProductPhoto.Draw(1200, 900, seed: 1);
        using var other = ProductPhoto.Draw(1200, 900, seed: 2);
        Cv2.Rotate(other, other, RotateFlags.Rotate180);
        var first = Write("first-claim.jpg", listing);
        Write("second.jpg", other);
        var index = _dir.File("evidence.clri");

        var add = ClaimLensProcess.Run("index", "add", index, _dir.Path);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("2 added", add.Stdout);
        Assert.Contains("fingerprints   2", ClaimLensProcess.Run("index", "stats", index).Stdout);

        using var copy = new Mat();
        Cv2.Resize(listing, copy, new Size(600, 450), 0, 0, InterpolationFlags.Area);
        var again = Write("again.jpg", copy, quality: 60);
        var result = ClaimLensProcess.Run("inspect", again, "--index", index, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var reused = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "reused_evidence");
        Assert.Equal(first, reused.GetProperty("details").GetProperty("matches")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Inspect_CorruptOrMissingIndex_Exit2()
    {
        using var photo = ProductPhoto.Draw(400, 300);
        var claim = Write("claim.jpg", photo);
        var corrupt = _dir.File("corrupt.clri");
        File.WriteAllBytes(corrupt, [.. "CLRF"u8, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]);
        var bad = ClaimLensProcess.Run("inspect", claim, "--index", corrupt);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("corrupt.clri", bad.Stderr);
        Assert.Equal(2, ClaimLensProcess.Run("inspect", claim, "--index", _dir.File("missing.clri")).ExitCode);
    }

    [Fact]
    public void Eval_SmallManifest_PrintsEveryFigureAndOneResultPerRow()
    {
        using var listing = ProductPhoto.Draw(1200, 900, seed: 3);
        Write("ref.jpg", listing);
        using var forged = listing.Clone();
        Cv2.Line(forged, new Point(400, 300), new Point(700, 600), new Scalar(20, 20, 20), 12, LineTypes.AntiAlias);
        using var mask = new Mat(listing.Size(), MatType.CV_8UC1, Scalar.Black);
        Cv2.Line(mask, new Point(400, 300), new Point(700, 600), Scalar.White, 12, LineTypes.AntiAlias);
        Write("forged.jpg", forged);
        mask.ImWrite(_dir.File("forged-mask.png"));
        using var unrelated = ProductPhoto.Draw(1000, 800, seed: 4);
        Cv2.Flip(unrelated, unrelated, FlipMode.Y);
        Write("genuine.jpg", unrelated);
        File.WriteAllText(_dir.File("manifest.csv"),
            "image,refs,label,mask,kind\nforged.jpg,ref.jpg,forged,forged-mask.png,forged/paint\ngenuine.jpg,ref.jpg,genuine,,genuine/unrelated\n");

        var results = _dir.File("results.csv");
        var run = ClaimLensProcess.Run("eval", _dir.File("manifest.csv"), "--results", results);
        Assert.Equal(0, run.ExitCode);
        foreach (var figure in new[] { "detection", "genuine called derived", "AUC", "mean IoU", "median", "p95", "forged/paint", "genuine/unrelated" })
            Assert.Contains(figure, run.Stdout);
        Assert.Equal(3, File.ReadAllLines(results).Length);
    }

    [Fact]
    public void Eval_BadLabel_Exit2NamingTheLine()
    {
        File.WriteAllText(_dir.File("manifest.csv"), "image,refs,label\na.jpg,,maybe\n");
        var run = ClaimLensProcess.Run("eval", _dir.File("manifest.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2", run.Stderr);
        Assert.Contains("maybe", run.Stderr);
    }

    [Fact]
    public void Demo_WritesThePairAndPrintsTheReport()
    {
        var run = ClaimLensProcess.Run("demo", "--out", _dir.Path, "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Verdict", run.Stdout);
        foreach (var file in new[] { "listing.jpg", "claim.jpg", "claim-truth-mask.png", "claim-mask.png", "claim-heatmap.png", "claim.report.json" })
            Assert.True(File.Exists(_dir.File(file)), file);
        // The demo's claim is the listing photo with a crack painted in: the engine must say so and find where.
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("claim.report.json")));
        Assert.Equal("likely_manipulated", report.RootElement.GetProperty("verdict").GetString());
        var derived = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "derived_from_reference");
        Assert.Equal("listing.jpg", derived.GetProperty("details").GetProperty("reference").GetString());
        using var truth = Cv2.ImRead(_dir.File("claim-truth-mask.png"), ImreadModes.Grayscale);
        using var predicted = Cv2.ImRead(_dir.File("claim-mask.png"), ImreadModes.Grayscale);
        using var both = new Mat();
        using var either = new Mat();
        Cv2.BitwiseAnd(truth, predicted, both);
        Cv2.BitwiseOr(truth, predicted, either);
        Assert.InRange((double)Cv2.CountNonZero(both) / Cv2.CountNonZero(either), 0.4, 1.0);
    }

    public void Dispose() => _dir.Dispose();
}
