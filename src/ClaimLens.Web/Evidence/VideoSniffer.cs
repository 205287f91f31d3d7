namespace ClaimLens.Web.Evidence;

/// <summary>Recognises the video containers phones record (MP4/MOV, WebM/Matroska) from their first bytes.</summary>
public static class VideoSniffer
{
    public static string ContentType(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        // ISO BMFF: size(4) "ftyp" brand(4); "qt  " is QuickTime, everything else is treated as MP4.
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = head.Slice(8, 4);
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("avif"u8))
                return "application/octet-stream"; // still pictures in the same container
            return brand.SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        }
        // EBML header 1A 45 DF A3 (WebM and Matroska).
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
            return "video/webm";
        return "application/octet-stream";
    }
}
