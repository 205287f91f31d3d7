using System.Buffers.Binary;
using System.Text.Json;
using ClaimLens.DevSet;
using OpenCvSharp;

namespace ClaimLens.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string WriteJpeg(string name, int width = 1200, int height = 900, int quality = 90)
    {
        using var photo = ProductPhoto.Draw(width, height);
        var path = _dir.File(name);
        photo.ImWrite(path, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return path;
    }

    [Fact]
    public void Version_PrintsVersionAndExitsZero()
    {
        var result = ClaimLensProcess.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public void Inspect_Json_IsTheReportContract()
    {
        var path = WriteJpeg("claim.jpg");
        var result = ClaimLensProcess.Run("inspect", path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("claimlens.report/1", root.GetProperty("schema").GetString());
        Assert.Equal(1200, root.GetProperty("image").GetProperty("width").GetInt32());
        Assert.Equal(64, root.GetProperty("image").GetProperty("sha256").GetString()!.Length);
        Assert.True(root.GetProperty("image").TryGetProperty("capture", out _));
        Assert.Contains(root.GetProperty("verdict").GetString(), new[] { "likely_manipulated", "needs_review", "no_manipulation_found" });
    }

    [Fact]
    public void Inspect_Readable_SpeaksChineseByDefaultAndEnglishOnRequest()
    {
        var path = WriteJpeg("claim.jpg");
        Assert.Contains("结论", ClaimLensProcess.Run("inspect", path).Stdout);
        Assert.Contains("Verdict", ClaimLensProcess.Run("inspect", path, "--lang", "en").Stdout);
    }

    [Fact]
    public void Inspect_MaskOut_WritesPngTheSizeOfTheImage()
    {
        var path = WriteJpeg("claim.jpg", 1000, 700);
        var mask = _dir.File("mask.png");
        var heat = _dir.File("heat.png");
        Assert.Equal(0, ClaimLensProcess.Run("inspect", path, "--mask-out", mask, "--heatmap-out", heat).ExitCode);
        using var m = Cv2.ImRead(mask, ImreadModes.Unchanged);
        Assert.Equal((1000, 700), (m.Width, m.Height));
        Assert.Equal(MatType.CV_8UC1, m.Type());
        using var h = Cv2.ImRead(heat);
        Assert.False(h.Empty());
    }

    [Fact]
    public void Inspect_MissingFile_Exit2WithOneLineNamingIt()
    {
        var missing = _dir.File("nope.jpg");
        var result = ClaimLensProcess.Run("inspect", missing);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nope.jpg", line);
        Assert.Contains("no such file", line);
    }

    [Theory]
    [InlineData("html", "text")]
    [InlineData("empty", "empty")]
    [InlineData("truncated", "truncated")]
    [InlineData("png-bomb", "60000 x 60000")]
    [InlineData("jpeg-bomb", "65000 x 65000")]
    [InlineData("heic", "HEIC")]
    public void Inspect_BadInput_Exit2WithReason(string kind, string reason)
    {
        // What was tried: HTML saved as .png, a 0-byte file, half a JPEG, a PNG whose IHDR declares
        // 60,000 x 60,000, a JPEG whose SOF declares 65,000 x 65,000, and an iPhone HEIC header.
        var path = _dir.File("bad-" + kind + ".png");
        File.WriteAllBytes(path, BadBytes(kind));
        var result = ClaimLensProcess.Run("inspect", path, "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Stderr);
        Assert.Contains("bad-" + kind, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Inspect_UnreadableReference_Exit2NamingTheReference()
    {
        var claim = WriteJpeg("claim.jpg");
        var reference = _dir.File("ref.jpg");
        File.WriteAllText(reference, "not a photo");
        var result = ClaimLensProcess.Run("inspect", claim, "--ref", reference);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ref.jpg", result.Stderr);
    }

    [Theory]
    [InlineData("inspect", "--bogus")]
    [InlineData("inspect")]
    [InlineData("inspect", "x.jpg", "--lang", "fr")]
    [InlineData("inspect", "x.jpg", "--delivered-at", "yesterday")]
    [InlineData("frobnicate")]
    public void UsageErrors_Exit1(params string[] args) => Assert.Equal(1, ClaimLensProcess.Run(args).ExitCode);

    private byte[] BadBytes(string kind)
    {
        using var small = ProductPhoto.Draw(64, 48);
        switch (kind)
        {
            case "html": return "<!DOCTYPE html><html><body>refund</body></html>"u8.ToArray();
            case "empty": return [];
            case "truncated":
                var jpeg = File.ReadAllBytes(WriteJpeg("whole.jpg"));
                return jpeg[..(jpeg.Length / 2)];
            case "png-bomb":
                var png = small.ImEncode(".png");
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 60_000);
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 60_000);
                return png;
            case "jpeg-bomb":
                var j = small.ImEncode(".jpg");
                var sof = Enumerable.Range(2, j.Length - 3).First(i => j[i] == 0xFF && j[i + 1] == 0xC0);
                BinaryPrimitives.WriteUInt16BigEndian(j.AsSpan(sof + 5), 65_000);
                BinaryPrimitives.WriteUInt16BigEndian(j.AsSpan(sof + 7), 65_000);
                return j;
            default:
                var heic = new byte[64];
                "ftypheic"u8.CopyTo(heic.AsSpan(4));
                heic[3] = 24;
                return heic;
        }
    }

    public void Dispose() => _dir.Dispose();
}
