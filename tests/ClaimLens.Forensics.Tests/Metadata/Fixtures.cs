using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Metadata;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Metadata;

/// <summary>Builds test images in memory: a drawn scene encoded by OpenCV, with metadata segments or chunks inserted.</summary>
internal static class Fixtures
{
    public const string Tc260Ns = "http://www.tc260.org.cn/ns/AIGC/1.0/";

    public static MetadataReport Inspect(byte[] file, ImageFormat format = ImageFormat.Jpeg, DateTimeOffset? deliveredAt = null, Mat? gray = null) =>
        MetadataInspector.Inspect(file, format, new MetadataContext(deliveredAt, gray));

    public static Finding? Find(this MetadataReport report, string code) => report.Findings.SingleOrDefault(f => f.Code == code);

    /// <summary>A textured scene (gradient, shapes, noise) that differs with <paramref name="seed"/>.</summary>
    public static Mat Scene(int width = 480, int height = 320, int seed = 1)
    {
        var random = new Random(seed);
        using var ends = new Mat(2, 1, MatType.CV_8UC3);
        ends.Set(0, 0, new Vec3b(40, (byte)(80 + seed * 37 % 100), 200));
        ends.Set(1, 0, new Vec3b(190, (byte)(80 + seed * 37 % 100), 80));
        var image = new Mat();
        Cv2.Resize(ends, image, new Size(width, height), 0, 0, InterpolationFlags.Linear);
        for (var i = 0; i < 12; i++)
        {
            var color = new Scalar(random.Next(256), random.Next(256), random.Next(256));
            var center = new Point(random.Next(width), random.Next(height));
            if (i % 2 == 0)
                Cv2.Circle(image, center, random.Next(10, height / 3), color, -1);
            else
                Cv2.Rectangle(image, new Rect(center.X, center.Y, random.Next(20, width / 3), random.Next(20, height / 3)), color, -1);
        }
        using var noise = new Mat(height, width, MatType.CV_8UC3);
        new RNG((ulong)random.NextInt64(1, long.MaxValue)).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(6));
        Cv2.Add(image, noise, image);
        return image;
    }

    public static byte[] Jpeg(Mat image, int quality = 90)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }

    public static byte[] Png(Mat image)
    {
        Cv2.ImEncode(".png", image, out var bytes);
        return bytes;
    }

    public static byte[] PlainJpeg(int seed = 1)
    {
        using var scene = Scene(seed: seed);
        return Jpeg(scene);
    }

    public static byte[] PlainPng(int seed = 1)
    {
        using var scene = Scene(160, 120, seed);
        return Png(scene);
    }

    /// <summary>Inserts an APP1 segment (FF E1, big-endian length including itself, payload) right after SOI.</summary>
    public static byte[] WithApp1(byte[] jpeg, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    public static byte[] WithExif(byte[] jpeg, ExifBuilder exif) => WithApp1(jpeg, exif.BuildApp1());

    /// <summary>An XMP APP1: the namespace "http://ns.adobe.com/xap/1.0/\0" then the packet.</summary>
    public static byte[] WithXmp(byte[] jpeg, string packet) =>
        WithApp1(jpeg, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(packet)]);

    /// <summary>An XMP packet with one rdf:Description holding <paramref name="body"/> (elements) and the given
    /// extra namespace declarations.</summary>
    public static string XmpPacket(string namespaces, string body) =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + $"<rdf:Description rdf:about=\"\" {namespaces}>{body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

    public static string Tc260Xmp(string json) =>
        XmpPacket($"xmlns:TC260=\"{Tc260Ns}\"", $"<TC260:AIGC>{System.Security.SecurityElement.Escape(json)}</TC260:AIGC>");

    public enum TextChunk { TEXt, ITXt, ZTXt }

    /// <summary>Inserts a PNG text chunk after IHDR. Chunk: length(4, BE) type(4) data CRC-32(type+data).
    /// tEXt: keyword \0 text. iTXt: keyword \0 flag(0) method(0) language \0 translated keyword \0 UTF-8 text.
    /// zTXt: keyword \0 method(0) zlib stream.</summary>
    public static byte[] WithPngText(byte[] png, string keyword, string text, TextChunk kind = TextChunk.TEXt)
    {
        var key = Encoding.Latin1.GetBytes(keyword);
        var body = Encoding.UTF8.GetBytes(text);
        byte[] data = kind switch
        {
            TextChunk.TEXt => [.. key, 0, .. body],
            TextChunk.ITXt => [.. key, 0, 0, 0, 0, 0, .. body],
            _ => [.. key, 0, 0, .. Deflate(body)],
        };
        var type = kind switch { TextChunk.TEXt => "tEXt"u8.ToArray(), TextChunk.ITXt => "iTXt"u8.ToArray(), _ => "zTXt"u8.ToArray() };
        return WithPngChunk(png, type, data);
    }

    public static byte[] WithPngChunk(byte[] png, byte[] type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        type.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        // Signature (8) + IHDR chunk (4 + 4 + 13 + 4).
        const int afterIhdr = 8 + 25;
        return [.. png.AsSpan(0, afterIhdr), .. chunk, .. png.AsSpan(afterIhdr)];
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
            zlib.Write(data);
        return output.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
