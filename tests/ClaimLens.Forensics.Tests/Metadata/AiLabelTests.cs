using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class AiLabelTests
{
    private const string FullLabel =
        "{\"Label\":\"{0}\",\"ContentProducer\":\"001191110108MA01KP2T5U00000\",\"ProduceID\":\"20250901-abc\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"douyin\",\"PropagateID\":\"p-42\",\"ReservedCode2\":\"\"}";

    [Theory]
    [InlineData("1", Severity.Critical)]
    [InlineData("2", Severity.High)]
    [InlineData("3", Severity.Warning)]
    public void Inspect_Tc260LabelInXmp_SeverityFollowsLabel(string label, Severity expected)
    {
        var file = Fixtures.WithXmp(Fixtures.PlainJpeg(), Fixtures.Tc260Xmp(FullLabel.Replace("{0}", label, StringComparison.Ordinal)));

        var finding = Fixtures.Inspect(file).Find(FindingCodes.Tc260AiLabel);

        Assert.NotNull(finding);
        Assert.Equal(expected, finding.Severity);
        Assert.Equal(int.Parse(label, System.Globalization.CultureInfo.InvariantCulture), (int)finding.Details["label"]!);
        Assert.Equal("xmp", (string)finding.Details["source"]!);
        Assert.Equal("001191110108MA01KP2T5U00000", (string)finding.Details["contentProducer"]!);
        Assert.Equal("20250901-abc", (string)finding.Details["produceId"]!);
        Assert.Equal("douyin", (string)finding.Details["propagator"]!);
        Assert.Contains("GB 45438", finding.Summary.En, StringComparison.Ordinal);
        Assert.Contains("GB 45438", finding.Summary.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Tc260LabelAsNumberWithLowercaseKeys_Critical()
    {
        var file = Fixtures.WithXmp(Fixtures.PlainJpeg(), Fixtures.Tc260Xmp("{\"label\":1,\"contentproducer\":\"acme\"}"));

        var finding = Fixtures.Inspect(file).Find(FindingCodes.Tc260AiLabel);

        Assert.Equal(Severity.Critical, finding?.Severity);
        Assert.Equal("acme", (string)finding!.Details["contentProducer"]!);
    }

    [Fact]
    public void Inspect_Tc260LabelAsXmpAttribute_Reported()
    {
        var json = System.Security.SecurityElement.Escape("{\"Label\":\"1\",\"ContentProducer\":\"acme\"}");
        var packet = Fixtures.XmpPacket($"xmlns:TC260=\"{Fixtures.Tc260Ns}\" TC260:AIGC=\"{json}\"", "");

        Assert.Equal(Severity.Critical, Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.Tc260AiLabel)?.Severity);
    }

    [Fact]
    public void Inspect_Tc260LabelInUnparseableXmpPacket_FoundByRawSearch()
    {
        // A stray unclosed element makes XmpCore reject the whole packet; the label must still be read.
        var packet = Fixtures.Tc260Xmp("{\"Label\":\"2\",\"ContentProducer\":\"acme\"}").Replace("</rdf:Description>", "<broken></rdf:Description>", StringComparison.Ordinal);

        var finding = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.Tc260AiLabel);

        Assert.Equal(Severity.High, finding?.Severity);
        Assert.Equal("xmp", (string)finding!.Details["source"]!);
    }

    [Fact]
    public void Inspect_AigcPropertyInAnotherNamespace_Reported()
    {
        var packet = Fixtures.XmpPacket("xmlns:aigc=\"http://example.com/aigc/\"", "<aigc:AIGC>{\"Label\":\"1\"}</aigc:AIGC>");

        Assert.NotNull(Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.Tc260AiLabel));
    }

    [Theory]
    [InlineData("TEXt")]
    [InlineData("ITXt")]
    [InlineData("ZTXt")]
    public void Inspect_Tc260LabelInPngAigcChunk_Reported(string chunk)
    {
        var kind = Enum.Parse<Fixtures.TextChunk>(chunk);
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "AIGC", FullLabel.Replace("{0}", "1", StringComparison.Ordinal), kind);

        var finding = Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.Tc260AiLabel);

        Assert.Equal(Severity.Critical, finding?.Severity);
        Assert.Equal("png", (string)finding!.Details["source"]!);
    }

    [Fact]
    public void Inspect_Tc260LabelInExifImageDescription_Reported()
    {
        var exif = new ExifBuilder().Ifd0(0x010E, FullLabel.Replace("{0}", "2", StringComparison.Ordinal));
        var file = Fixtures.WithExif(Fixtures.PlainJpeg(), exif);

        var finding = Fixtures.Inspect(file).Find(FindingCodes.Tc260AiLabel);

        Assert.Equal(Severity.High, finding?.Severity);
        Assert.Equal("exif", (string)finding!.Details["source"]!);
    }

    [Fact]
    public void Inspect_Tc260LabelNestedUnderAigcInUserComment_Reported()
    {
        var comment = "{\"AIGC\":{\"Label\":\"1\",\"ContentProducer\":\"x\"}}";
        var exif = new ExifBuilder().ExifUndefined(0x9286, [.. "ASCII\0\0\0"u8, .. System.Text.Encoding.ASCII.GetBytes(comment)]);

        var finding = Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif)).Find(FindingCodes.Tc260AiLabel);

        Assert.Equal(Severity.Critical, finding?.Severity);
    }

    [Theory]
    [InlineData("{\"label\":\"1\",\"color\":\"red\"}")] // a JSON description that merely has a "label" key
    [InlineData("Label 1: a photo of my sofa")]
    public void Inspect_UnrelatedLabelTextInDescription_NoFinding(string description)
    {
        var file = Fixtures.WithExif(Fixtures.PlainJpeg(), new ExifBuilder().Ifd0(0x010E, description));

        Assert.Null(Fixtures.Inspect(file).Find(FindingCodes.Tc260AiLabel));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("yes")]
    public void Inspect_Tc260UnknownLabelValue_NoFinding(string label)
    {
        var file = Fixtures.WithXmp(Fixtures.PlainJpeg(), Fixtures.Tc260Xmp(FullLabel.Replace("{0}", label, StringComparison.Ordinal)));

        Assert.Null(Fixtures.Inspect(file).Find(FindingCodes.Tc260AiLabel));
    }

    [Fact]
    public void Inspect_PlainJpeg_NoAiFindings()
    {
        var report = Fixtures.Inspect(Fixtures.PlainJpeg());

        Assert.DoesNotContain(report.Findings, f => f.Code is FindingCodes.Tc260AiLabel or FindingCodes.IptcAiSourceType or FindingCodes.GeneratorParameters);
    }

    [Theory]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", Severity.Critical)]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia", Severity.Critical)]
    [InlineData("compositeSynthetic", Severity.Critical)]
    [InlineData("algorithmicMedia", Severity.High)]
    public void Inspect_IptcAiDigitalSourceType_Reported(string value, Severity expected)
    {
        var file = Fixtures.WithXmp(Fixtures.PlainJpeg(), IptcPacket(value));

        var finding = Fixtures.Inspect(file).Find(FindingCodes.IptcAiSourceType);

        Assert.Equal(expected, finding?.Severity);
        Assert.Equal(value[(value.LastIndexOf('/') + 1)..], (string)finding!.Details["digitalSourceType"]!);
    }

    [Theory]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture")]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/computationalCapture")]
    public void Inspect_IptcCameraSourceType_NoFinding(string value)
    {
        var file = Fixtures.WithXmp(Fixtures.PlainJpeg(), IptcPacket(value));

        Assert.Null(Fixtures.Inspect(file).Find(FindingCodes.IptcAiSourceType));
    }

    private static string IptcPacket(string value) =>
        Fixtures.XmpPacket("xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"",
            $"<Iptc4xmpExt:DigitalSourceType>{value}</Iptc4xmpExt:DigitalSourceType>");
}
