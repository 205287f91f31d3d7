using System.Text;
using MetadataExtractor;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Turns the byte strings of EXIF and PNG into text without trusting their declared encodings.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 when the bytes are valid UTF-8 (tEXt is Latin-1 by the spec, but generators write UTF-8),
    /// otherwise the value's own encoding.</summary>
    public static string Decode(StringValue value)
    {
        var bytes = value.Bytes;
        if (bytes is null)
            return "";
        return TryUtf8(bytes) ?? (value.Encoding ?? Encoding.Latin1).GetString(bytes);
    }

    /// <summary>EXIF UserComment: an 8-byte character code ("ASCII\0\0\0", "UNICODE\0", "JIS\0\0\0\0\0",
    /// or zeros for undefined) followed by the text.</summary>
    public static string UserComment(byte[] bytes)
    {
        if (bytes.Length <= 8)
            return "";
        var body = bytes.AsSpan(8);
        var code = Encoding.ASCII.GetString(bytes, 0, 8).TrimEnd('\0', ' ');
        string text;
        if (code.Equals("UNICODE", StringComparison.OrdinalIgnoreCase))
        {
            // The byte order should follow the TIFF header, but writers disagree: a leading zero byte means big-endian.
            text = body.Length > 1 && body[0] == 0 && body[1] != 0
                ? Encoding.BigEndianUnicode.GetString(body)
                : Encoding.Unicode.GetString(body);
        }
        else
        {
            text = TryUtf8(body.ToArray()) ?? Encoding.Latin1.GetString(body);
        }
        return text.Trim('\0', ' ');
    }

    /// <summary>Windows XP* tags: UCS-2 little-endian, NUL-terminated.</summary>
    public static string Utf16Le(byte[] bytes) => Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1).TrimEnd('\0').Trim();

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
