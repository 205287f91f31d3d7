using ClaimLens.Forensics.Metadata;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class PngMetadataPartTests
{
    [Fact]
    public void Extract_ValidPng_KeepsTextChunksAndDropsImageData()
    {
        var png = Fixtures.WithPngText(Fixtures.PlainPng(), "parameters", "hello");

        var part = PngMetadataPart.Extract(png);

        Assert.NotNull(part);
        Assert.True(part.Length < png.Length);
        Assert.True(part.AsSpan().IndexOf("tEXtparameters"u8) > 0);
        Assert.True(part.AsSpan().IndexOf("IDAT"u8) < 0);
        Assert.True(part.AsSpan().EndsWith(png.AsSpan(png.Length - 12)));
    }

    [Fact]
    public void Extract_ChunkLengthPastTheEnd_Null()
    {
        var png = Fixtures.PlainPng();
        // IHDR's length field claims 2 GB.
        png[8] = 0x7F;

        Assert.Null(PngMetadataPart.Extract(png));
    }

    [Fact]
    public void Extract_NotAPng_Null()
    {
        Assert.Null(PngMetadataPart.Extract(Fixtures.PlainJpeg()));
    }
}
