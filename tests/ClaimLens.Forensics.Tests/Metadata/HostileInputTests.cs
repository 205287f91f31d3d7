using System.Text;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Metadata;

/// <summary>Broken and hostile metadata must never throw: it becomes "nothing found".</summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    private static readonly DateTimeOffset Delivered = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("<x:xmpmeta><<<not xml at all")]
    [InlineData("")]
    [InlineData("<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF></x:xmpmeta>")] // unclosed element
    [InlineData("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>")] // entity expansion
    public void Inspect_GarbageXmp_NoException(string packet)
    {
        var report = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet), deliveredAt: Delivered);

        Assert.DoesNotContain(report.Findings, f => f.Code is FindingCodes.Tc260AiLabel or FindingCodes.IptcAiSourceType);
    }

    [Fact]
    public void Inspect_BillionLaughsXmp_NoExpansion()
    {
        // Nine levels of ten entity references: a billion "lol"s if the XML parser expanded them.
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (var level = 1; level <= 9; level++)
            dtd.Append($"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))}\">");
        dtd.Append("]>");
        var packet = dtd + Fixtures.XmpPacket("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", "<dc:format>&lol9;</dc:format>");

        var report = Fixtures.Inspect(Fixtures.WithXmp(Fixtures.PlainJpeg(), packet));

        Assert.DoesNotContain(report.Findings, f => f.Code != FindingCodes.NoCameraMetadata);
    }

    [Theory]
    [InlineData("{\"Label\":\"1\",,")] // truncated
    [InlineData("{{{{")]
    [InlineData("{\"Label\":\"1\",\"Label\":\"2\",\"ContentProducer\":\"x\"}")] // duplicate keys
    [InlineData("{\"Label\":{\"nested\":[1,2,3]},\"ContentProducer\":\"x\"}")] // label of the wrong type
    [InlineData("[1,2,3]")]
    public void Inspect_InvalidJsonInAigc_NoFindingNoException(string json)
    {
        var png = Fixtures.WithPngText(Fixtures.PlainPng(), "AIGC", json);
        var jpeg = Fixtures.WithXmp(Fixtures.PlainJpeg(), Fixtures.Tc260Xmp(json));

        Assert.Null(Fixtures.Inspect(png, ImageFormat.Png).Find(FindingCodes.Tc260AiLabel));
        Assert.Null(Fixtures.Inspect(jpeg).Find(FindingCodes.Tc260AiLabel));
    }

    [Fact]
    public void Inspect_DeeplyNestedJsonInAigc_NoException()
    {
        var json = "{\"Label\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        Assert.Null(Fixtures.Inspect(Fixtures.WithPngText(Fixtures.PlainPng(), "AIGC", json), ImageFormat.Png).Find(FindingCodes.Tc260AiLabel));
    }

    [Theory]
    [InlineData("parameters", "Steps: 1, ")] // the A1111 marker a million times over
    [InlineData("AIGC", "{\"label\":")]
    [InlineData("Software", "Photoshop ")]
    public void Inspect_OneMegabyteTextChunk_NoException(string keyword, string unit)
    {
        var text = new StringBuilder(1 << 20);
        while (text.Length < 1 << 20)
            text.Append(unit);

        var report = Fixtures.Inspect(Fixtures.WithPngText(Fixtures.PlainPng(), keyword, text.ToString()), ImageFormat.Png);

        Assert.Null(report.Find(FindingCodes.Tc260AiLabel));
    }

    [Fact]
    public void Inspect_TruncatedExif_NoException()
    {
        using var scene = Fixtures.Scene();
        using var thumb = Fixtures.Scene(160, 120);
        var app1 = new ExifBuilder().Ifd0(0x010F, "Canon").Exif(0x9003, "2026:11:01 12:00:00").Thumbnail(Fixtures.Jpeg(thumb)).BuildApp1();
        using var gray = new Mat();
        Cv2.CvtColor(scene, gray, ColorConversionCodes.BGR2GRAY);
        var jpeg = Fixtures.Jpeg(scene);

        for (var cut = 6; cut < app1.Length; cut += Math.Max(1, app1.Length / 40))
        {
            var file = Fixtures.WithApp1(jpeg, app1[..cut]);
            var report = Fixtures.Inspect(file, deliveredAt: Delivered, gray: gray);
            Assert.Null(report.Find(FindingCodes.ExifThumbnailMismatch));
        }
    }

    [Fact]
    public void Inspect_IfdEntryCountAndOffsetsOutOfRange_NoException()
    {
        var app1 = new ExifBuilder().Ifd0(0x010F, "Canon").Ifd0(0x0110, "EOS").BuildApp1();
        // Entry count 0xFFFF, and the IFD0 pointer aimed past the end.
        var hugeCount = (byte[])app1.Clone();
        hugeCount[6 + 8] = 0xFF;
        hugeCount[6 + 9] = 0xFF;
        var farPointer = (byte[])app1.Clone();
        farPointer[6 + 4] = 0xF0;
        farPointer[6 + 7] = 0x7F;

        Fixtures.Inspect(Fixtures.WithApp1(Fixtures.PlainJpeg(), hugeCount));
        Fixtures.Inspect(Fixtures.WithApp1(Fixtures.PlainJpeg(), farPointer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(100)]
    public void Inspect_NotAnImage_NoException(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        if (length >= 2)
        {
            bytes[0] = 0xFF;
            bytes[1] = 0xD8;
        }

        var report = Fixtures.Inspect(bytes, deliveredAt: Delivered);

        Assert.Equal(CaptureInfo.Empty, report.Capture);
    }

    [Fact]
    public void Inspect_RandomlyMutatedRealPhotos_NeverThrow()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            _output.WriteLine(TestData.MissingMessage);
            return;
        }
        var random = new Random(38);
        using var gray = new Mat(120, 160, MatType.CV_8UC1, Scalar.All(90));
        // Every fourth photo, 40 mutations each: 1-8 random bytes in the first 16 KB, where EXIF, XMP and maker notes live.
        for (var p = 0; p < photos.Count; p += 4)
        {
            var original = File.ReadAllBytes(photos[p]);
            for (var i = 0; i < 40; i++)
            {
                var mutated = (byte[])original.Clone();
                var flips = random.Next(1, 9);
                for (var k = 0; k < flips; k++)
                    mutated[random.Next(Math.Min(16384, mutated.Length))] = (byte)random.Next(256);
                Assert.NotNull(Fixtures.Inspect(mutated, ImageFormat.Jpeg, Delivered, gray).Capture);
            }
        }
    }

    [Fact]
    public void Inspect_RandomlyMutatedFiles_NeverThrow()
    {
        using var scene = Fixtures.Scene();
        using var thumb = Fixtures.Scene(160, 120);
        using var gray = new Mat();
        Cv2.CvtColor(scene, gray, ColorConversionCodes.BGR2GRAY);
        var exif = new ExifBuilder().Ifd0(0x010F, "Canon").Ifd0(0x0131, "GIMP 2.10").Exif(0x9003, "2026:11:01 12:00:00")
            .Exif(0x9011, "+08:00").Gps(0x001D, "2026:11:01").GpsRationals(0x0007, 4, 0, 0).Thumbnail(Fixtures.Jpeg(thumb));
        var jpeg = Fixtures.WithXmp(Fixtures.WithExif(Fixtures.Jpeg(scene), exif), Fixtures.Tc260Xmp("{\"Label\":\"1\"}"));
        var png = Fixtures.WithPngText(Fixtures.WithPngText(Fixtures.PlainPng(), "AIGC", "{\"Label\":\"1\"}"), "parameters", "p\nSteps: 2, Seed: 3");
        var random = new Random(20261122);

        // Flip 1-8 random bytes inside the metadata part of each file (the first 8 KB), 300 times per file.
        foreach (var (original, format) in new[] { (jpeg, ImageFormat.Jpeg), (png, ImageFormat.Png) })
        {
            for (var i = 0; i < 300; i++)
            {
                var mutated = (byte[])original.Clone();
                var flips = random.Next(1, 9);
                for (var k = 0; k < flips; k++)
                    mutated[random.Next(Math.Min(8192, mutated.Length))] = (byte)random.Next(256);
                var report = Fixtures.Inspect(mutated, format, Delivered, format == ImageFormat.Jpeg ? gray : null);
                Assert.NotNull(report.Capture);
            }
        }
    }
}
