using System.Buffers.Binary;
using System.Text;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Parses JUMBF (ISO/IEC 19566-5) boxes. Lengths come from the file, so every one is checked
/// against what is left; a bad box ends the parse of its container with a problem, never an exception.</summary>
internal sealed class JumbfReader
{
    public const int MaxDepth = 16;
    public const int MaxBoxes = 20_000;

    private readonly List<string> _problems;
    private int _boxes;

    private JumbfReader(List<string> problems) => _problems = problems;

    /// <summary>The superboxes at the top level of <paramref name="data"/>.</summary>
    public static IReadOnlyList<JumbfBox> Parse(ReadOnlyMemory<byte> data, List<string> problems)
    {
        var reader = new JumbfReader(problems);
        var top = new List<JumbfBox>();
        reader.ReadContainer(data, 0, top, []);
        return top;
    }

    // Box: LBox(4, big-endian) TBox(4) [XLBox(8) when LBox == 1] payload.
    // LBox == 0 means "to the end of the container"; LBox 2..7 cannot hold its own header.
    private void ReadContainer(ReadOnlyMemory<byte> data, int depth, List<JumbfBox> superboxes, List<JumbfContent> contents)
    {
        var pos = 0;
        while (pos < data.Length)
        {
            if (++_boxes > MaxBoxes)
            {
                Problem($"more than {MaxBoxes} JUMBF boxes; the rest were not read");
                return;
            }
            var span = data.Span;
            if (data.Length - pos < 8)
            {
                Problem($"JUMBF box header truncated at offset {pos} ({data.Length - pos} bytes left)");
                return;
            }
            long length = BinaryPrimitives.ReadUInt32BigEndian(span[pos..]);
            var type = Encoding.ASCII.GetString(span.Slice(pos + 4, 4));
            var header = 8;
            if (length == 1)
            {
                if (data.Length - pos < 16)
                {
                    Problem($"JUMBF box '{Printable(type)}' declares XLBox but is truncated");
                    return;
                }
                var xl = BinaryPrimitives.ReadUInt64BigEndian(span[(pos + 8)..]);
                length = xl > long.MaxValue ? long.MaxValue : (long)xl;
                header = 16;
            }
            else if (length == 0)
            {
                length = data.Length - pos;
            }
            if (length < header)
            {
                Problem($"JUMBF box '{Printable(type)}' has impossible length {length}");
                return;
            }
            if (length > data.Length - pos)
            {
                Problem($"JUMBF box '{Printable(type)}' at offset {pos} declares {length} bytes but only {data.Length - pos} remain");
                return;
            }
            var payload = data.Slice(pos + header, (int)length - header);
            if (type == "jumb")
            {
                var box = ReadSuperbox(payload, depth + 1);
                if (box is not null)
                    superboxes.Add(box);
            }
            else
            {
                contents.Add(new JumbfContent(type, payload));
            }
            pos += (int)length;
        }
    }

    private JumbfBox? ReadSuperbox(ReadOnlyMemory<byte> payload, int depth)
    {
        if (depth > MaxDepth)
        {
            Problem($"JUMBF nests deeper than {MaxDepth} superboxes");
            return null;
        }
        var children = new List<JumbfBox>();
        var contents = new List<JumbfContent>();
        ReadContainer(payload, depth, children, contents);
        var description = contents.Count > 0 && contents[0].Type == "jumd" ? contents[0] : null;
        if (description is null)
        {
            Problem("JUMBF superbox without a leading description box ('jumd')");
            return null;
        }
        contents.RemoveAt(0);
        var (typeCode, label) = ReadDescription(description.Data.Span);
        return new JumbfBox(typeCode, label, payload, children, contents);
    }

    // jumd payload: type UUID(16) toggles(1) [label UTF-8, NUL-terminated, if toggles & 0x02]
    // [id(4) if & 0x04] [hash(32) if & 0x08] [private box if & 0x10]. Only UUID and label matter here.
    private (string TypeCode, string Label) ReadDescription(ReadOnlySpan<byte> d)
    {
        if (d.Length < 17)
        {
            Problem("JUMBF description box shorter than its 17-byte minimum");
            return ("", "");
        }
        var typeCode = Printable(Encoding.ASCII.GetString(d[..4]));
        var label = "";
        if ((d[16] & 0x02) != 0)
        {
            var rest = d[17..];
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                Problem("JUMBF description label is not NUL-terminated");
                end = rest.Length;
            }
            label = Encoding.UTF8.GetString(rest[..Math.Min(end, 1024)]);
        }
        return (typeCode, label);
    }

    private void Problem(string text)
    {
        if (_problems.Count < 50)
            _problems.Add(text);
    }

    private static string Printable(string s) =>
        string.Create(s.Length, s, static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
                dst[i] = src[i] is >= ' ' and < (char)127 ? src[i] : '?';
        });
}
