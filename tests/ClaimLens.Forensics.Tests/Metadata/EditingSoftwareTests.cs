using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class EditingSoftwareTests
{
    [Theory]
    [InlineData("Adobe Photoshop 25.0 (Windows)", "Adobe Photoshop")]
    [InlineData("Adobe Photoshop Lightroom Classic 13.0 (Macintosh)", "Adobe Lightroom")]
    [InlineData("GIMP 2.10.34", "GIMP")]
    [InlineData("Snapseed 2.0", "Snapseed")]
    [InlineData("美图秀秀", "Meitu 美图秀秀")]
    [InlineData("MeituPic 9.9", "Meitu 美图秀秀")]
    [InlineData("醒图 8.2.0", "Xingtu 醒图")]
    [InlineData("美颜相机", "BeautyCam 美颜相机")]
    [InlineData("轻颜相机", "Qingyan 轻颜")]
    [InlineData("Picsart", "Picsart")]
    [InlineData("Canva", "Canva")]
    [InlineData("Facetune2", "Facetune")]
    public void Inspect_EditorInExifSoftware_Warning(string software, string expected)
    {
        var file = Fixtures.WithExif(Fixtures.PlainJpeg(), new ExifBuilder().Ifd0(0x0131, software));

        var finding = Fixtures.Inspect(file).Find(FindingCodes.EditingSoftware);

        Assert.NotNull(finding);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains(expected, finding.Details["editors"]!.AsArray().Select(e => (string)e!));
        Assert.Contains("not forgery", finding.Summary.En, StringComparison.Ordinal);
        Assert.Contains("不等于伪造", finding.Summary.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ver.1.00")]
    [InlineData("HDR+ 1.0.540104861zd")]
    [InlineData("17.1")]
    [InlineData("Digital Camera FinePix4900ZOOM Ver1.00")]
    [InlineData("Canvas Camera 2.1")] // "Canva" only as a whole word
    [InlineData("MediaTek Camera Application")]
    public void Inspect_CameraFirmwareSoftware_NoFinding(string software)
    {
        var file = Fixtures.WithExif(Fixtures.PlainJpeg(), new ExifBuilder().Ifd0(0x0131, software));

        Assert.Null(Fixtures.Inspect(file).Find(FindingCodes.EditingSoftware));
    }

    [Fact]
    public void Inspect_EditorInXmpHistorySoftwareAgent_Reported()
    {
        var packet = Fixtures.XmpPacket(
            "xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
            "<xmp:CreatorTool>iPhone 15 Pro</xmp:CreatorTool><xmpMM:History><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><stEvt:action>saved</stEvt:action>"
            + "<stEvt:softwareAgent>Adobe Photoshop 25.1 (Macintosh)</stEvt:softwareAgent></rdf:li></rdf:Seq></xmpMM:History>");

        var finding = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.EditingSoftware);

        Assert.Equal(["Adobe Photoshop"], finding!.Details["editors"]!.AsArray().Select(e => (string)e!));
        var field = Assert.Single(finding.Details["fields"]!.AsArray());
        Assert.Equal("xmp:xmpMM:History[1]/stEvt:softwareAgent", (string)field!["field"]!);
    }

    [Fact]
    public void Inspect_EditorInXmpCreatorTool_Reported()
    {
        var packet = Fixtures.XmpPacket("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"", "<xmp:CreatorTool>Wink 1.9</xmp:CreatorTool>");

        var finding = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet)).Find(FindingCodes.EditingSoftware);

        Assert.Contains("Wink", finding!.Details["editors"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public void Inspect_EditorInPngSoftwareChunk_Reported()
    {
        var file = Fixtures.WithPngText(Fixtures.PlainPng(), "Software", "Pixelmator Pro 3.5");

        Assert.NotNull(Fixtures.Inspect(file, ImageFormat.Png).Find(FindingCodes.EditingSoftware));
    }
}
