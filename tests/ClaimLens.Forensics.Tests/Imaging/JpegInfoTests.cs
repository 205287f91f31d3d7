using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Forensics.Tests.Imaging;

public sealed class JpegInfoTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    [InlineData(95)]
    public void Read_OpenCvJpeg_EstimatesItsIjgQuality(int quality)
    {
        var info = JpegInfo.Read(SyntheticImages.Jpeg(64, 64, quality));
        Assert.NotNull(info);
        Assert.Equal(quality, info.Quality);
        Assert.True(info.IsStandardTable);
        Assert.NotNull(info.ChromaTable);
    }

    [Fact]
    public void Read_LowerQuality_HasCoarserSteps() =>
        Assert.True(JpegInfo.Read(SyntheticImages.Jpeg(64, 64, 40))!.MeanLumaStep > JpegInfo.Read(SyntheticImages.Jpeg(64, 64, 90))!.MeanLumaStep);

    [Fact]
    public void Read_NotJpeg_ReturnsNull() => Assert.Null(JpegInfo.Read(SyntheticImages.Png(16, 16)));

    [Fact]
    public void Read_EveryTruncation_NeverThrows()
    {
        var jpeg = SyntheticImages.Jpeg(32, 32);
        for (var length = 0; length < Math.Min(jpeg.Length, 700); length++)
            _ = JpegInfo.Read(jpeg.AsSpan(0, length));
    }
}
