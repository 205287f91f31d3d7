using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class GeneratorParameterTests
{
    private const string A1111 =
        "a cracked ceramic vase on a wooden table, photo, realistic\nNegative prompt: blurry, lowres\n"
        + "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly";

    [Fact]
    public void Inspect_StableDiffusionParametersChunk_CriticalWithPromptExcerpt()
    {
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "parameters", A1111);

        var finding = Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.GeneratorParameters);

        Assert.NotNull(finding);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.StartsWith("Stable Diffusion", (string)finding.Details["generator"]!, StringComparison.Ordinal);
        Assert.Contains("png:parameters", finding.Details["keys"]!.AsArray().Select(k => (string)k!));
        var excerpt = (string)finding.Details["excerpt"]!;
        Assert.StartsWith("a cracked ceramic vase", excerpt, StringComparison.Ordinal);
        Assert.True(excerpt.Length <= 200);
    }

    [Fact]
    public void Inspect_ComfyUiPromptChunk_Reported()
    {
        var prompt = "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":5,\"steps\":20}},"
                     + "\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"broken phone screen\"}}}";
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "prompt", prompt);

        var finding = Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.GeneratorParameters);

        Assert.Equal("ComfyUI", (string)finding!.Details["generator"]!);
        Assert.Equal("broken phone screen", (string)finding.Details["excerpt"]!);
    }

    [Fact]
    public void Inspect_ComfyUiWorkflowChunk_Reported()
    {
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "workflow", "{\"last_node_id\":9,\"nodes\":[{\"id\":3}],\"links\":[]}");

        Assert.Equal("ComfyUI", (string)Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.GeneratorParameters)!.Details["generator"]!);
    }

    [Fact]
    public void Inspect_NovelAiSoftwareAndComment_Reported()
    {
        var png = Fixtures.WithPngText(Fixtures.PlainPng(), "Software", "NovelAI");
        png = Fixtures.WithPngText(png, "Comment", "{\"prompt\":\"x\",\"steps\":28,\"sampler\":\"k_euler\",\"seed\":1}");

        var finding = Fixtures.Inspect(png, ImageFormat.Png).Find(FindingCodes.GeneratorParameters);

        Assert.Equal("NovelAI", (string)finding!.Details["generator"]!);
        Assert.Equal(2, finding.Details["keys"]!.AsArray().Count);
        Assert.Equal("x", (string)finding.Details["excerpt"]!);
    }

    [Fact]
    public void Inspect_InvokeAiMetadataChunk_Reported()
    {
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "invokeai_metadata", "{\"positive_prompt\":\"dent in a fridge door\"}");

        Assert.Equal("InvokeAI", (string)Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.GeneratorParameters)!.Details["generator"]!);
    }

    [Fact]
    public void Inspect_A1111ParametersInJpegUserComment_Reported()
    {
        var exif = new ExifBuilder().ExifUndefined(0x9286, [.. "UNICODE\0"u8, .. System.Text.Encoding.Unicode.GetBytes(A1111)]);

        var finding = Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif)).Find(FindingCodes.GeneratorParameters);

        Assert.Contains("exif:UserComment", finding!.Details["keys"]!.AsArray().Select(k => (string)k!));
    }

    [Fact]
    public void Inspect_GeneratorNamedInXmpCreatorTool_Reported()
    {
        var packet = Fixtures.XmpPacket("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"", "<xmp:CreatorTool>Midjourney</xmp:CreatorTool>");

        var finding = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.GeneratorParameters);

        Assert.Equal("Midjourney", (string)finding!.Details["generator"]!);
    }

    [Theory]
    [InlineData("parameters", "dpi=300")] // a "parameters" chunk without the A1111 layout
    [InlineData("prompt", "Say cheese")] // a "prompt" chunk that is not a ComfyUI graph
    [InlineData("Comment", "Taken on holiday; Steps were slippery")]
    [InlineData("Software", "darktable 4.6")]
    public void Inspect_OrdinaryPngText_NoFinding(string keyword, string text)
    {
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), keyword, text);

        Assert.Null(Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.GeneratorParameters));
    }
}
