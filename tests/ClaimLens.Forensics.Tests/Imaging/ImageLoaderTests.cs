using System.Buffers.Binary;
using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Forensics.Tests.Imaging;

public sealed class ImageLoaderTests
{
    [Fact]
    public void Load_SmallJpeg_DecodesAtFullSize()
    {
        using var image = ImageLoader.Load(SyntheticImages.Jpeg(640, 480));
        Assert.Equal(ImageFormat.Jpeg, image.Format);
        Assert.Equal((640, 480), (image.Width, image.Height));
        Assert.Equal(1.0, image.Scale);
    }

    [Fact]
    public void Load_LargeJpeg_DecodesReducedButReportsFullSize()
    {
        using var image = ImageLoader.Load(SyntheticImages.Jpeg(4000, 3000));
        Assert.Equal((4000, 3000), (image.Width, image.Height));
        Assert.InRange(Math.Max(image.Bgr.Width, image.Bgr.Height), 1000, 1999);
        Assert.Equal(image.Bgr.Width / 4000.0, image.Scale, 3);
    }

    [Fact]
    public void Load_TallPhoneScreenshot_KeepsItsWidth()
    {
        // A 1080x2340 screenshot was halved to 540x1170 by the long-side rule, and the photo across its width
        // with it.
        using var image = ImageLoader.Load(SyntheticImages.Jpeg(1080, 2340));
        Assert.Equal((1080, 2340), (image.Bgr.Width, image.Bgr.Height));
    }

    [Fact]
    public void Load_HugeTallPicture_ShortSideBoundedAtWorkingSize()
    {
        using var image = ImageLoader.Load(SyntheticImages.Jpeg(3000, 9000));
        Assert.Equal((3000, 9000), (image.Width, image.Height));
        Assert.InRange(image.Bgr.Width, 1000, 1999);
        Assert.Equal(image.Bgr.Width / 3000.0, image.Scale, 2);
    }

    [Fact]
    public void Load_Png_Decodes()
    {
        using var image = ImageLoader.Load(SyntheticImages.Png(300, 200));
        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.Equal((300, 200), (image.Bgr.Width, image.Bgr.Height));
    }

    [Fact]
    public void Load_ZeroBytes_SaysEmpty() =>
        Assert.Contains("empty", Assert.Throws<ImageLoadException>(() => ImageLoader.Load([])).Message);

    [Fact]
    public void Load_HtmlNamedPng_SaysText() =>
        Assert.Contains("text", Assert.Throws<ImageLoadException>(() => ImageLoader.Load("<!DOCTYPE html><html><body>hi</body></html>"u8)).Message);

    [Fact]
    public void Load_RandomBinary_SaysNotSupported()
    {
        var bytes = new byte[1000];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0x00;
        Assert.Contains("not a supported image", Assert.Throws<ImageLoadException>(() => ImageLoader.Load(bytes)).Message);
    }

    [Fact]
    public void Load_PngDeclaring60000Squared_RefusedBeforeDecoding()
    {
        // A valid 8-byte signature and IHDR declaring 60,000 x 60,000 (3.6 gigapixels), no pixel data.
        var png = SyntheticImages.Png(8, 8);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 60_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 60_000);
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(png));
        Assert.Contains("60000 x 60000", ex.Message);
    }

    [Fact]
    public void Load_JpegFrameClaiming65000Squared_RefusedBeforeDecoding()
    {
        var jpeg = SyntheticImages.Jpeg(64, 64);
        var sof = FindMarker(jpeg, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 65_000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), 65_000);
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(jpeg));
        Assert.Contains("65000 x 65000", ex.Message);
    }

    [Fact]
    public void Load_TruncatedJpeg_SaysTruncated()
    {
        var jpeg = SyntheticImages.Jpeg(400, 300);
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(jpeg.AsSpan(0, jpeg.Length / 2)));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Load_TruncatedPng_SaysTruncated()
    {
        var png = SyntheticImages.Png(400, 300);
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(png.AsSpan(0, png.Length / 2)));
        Assert.Contains("truncated", ex.Message);
    }

    [Theory]
    [InlineData("ftypheic", "HEIC")]
    [InlineData("ftypavif", "AVIF")]
    public void Load_HeifFamily_SaysNotSupportedAndWhatToDo(string box, string name)
    {
        var bytes = new byte[64];
        System.Text.Encoding.ASCII.GetBytes(box).CopyTo(bytes, 4);
        bytes[3] = 24;
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(bytes));
        Assert.Contains(name, ex.Message);
        Assert.Contains("JPEG", ex.Message);
    }

    [Fact]
    public void Load_JpegWithScrambledEntropyData_ThrowsOrDecodesButNeverCrashes()
    {
        // Bytes after the header are overwritten with noise (but EOI kept): libjpeg either recovers or fails.
        var jpeg = SyntheticImages.Jpeg(200, 200);
        var sos = FindMarker(jpeg, 0xDA);
        var rng = new Random(5);
        for (var i = sos + 20; i < jpeg.Length - 2; i += 7)
            jpeg[i] = (byte)rng.Next(256);
        try
        {
            using var image = ImageLoader.Load(jpeg);
            Assert.Equal(200, image.Width);
        }
        catch (ImageLoadException ex)
        {
            Assert.Contains("corrupt", ex.Message);
        }
    }

    [Fact]
    public void Sniff_WebPHeaders_ReadDeclaredSize()
    {
        using var scene = SyntheticImages.Scene(123, 45);
        var webp = scene.ImEncode(".webp");
        var header = ImageSniffer.Sniff(webp);
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 123, 45), header);
    }

    internal static int FindMarker(byte[] jpeg, byte marker)
    {
        for (var i = 2; i < jpeg.Length - 1; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
                return i;
        }
        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }
}
