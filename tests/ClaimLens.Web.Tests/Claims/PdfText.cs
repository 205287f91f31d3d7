using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>The text a PDF page shows, read back through each font's ToUnicode map: the bundle writes glyph ids
/// (Identity-H), so finding a word proves both that it was drawn and that a reader can copy it out.</summary>
internal static partial class PdfText
{
    public static string Of(PdfPage page)
    {
        var maps = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var fonts = page.Resources.Elements.GetDictionary("/Font");
        foreach (var name in fonts?.Elements.Keys ?? [])
        {
            var toUnicode = fonts!.Elements.GetDictionary(name)?.Elements.GetDictionary("/ToUnicode");
            if (toUnicode?.Stream is { } stream)
                maps[name] = ParseCMap(Encoding.ASCII.GetString(stream.UnfilteredValue));
        }
        var text = new StringBuilder();
        Dictionary<int, string>? map = null;
        foreach (var op in ContentReader.ReadContent(page).OfType<COperator>())
        {
            switch (op.OpCode.Name)
            {
                case "Tf" when op.Operands.Count > 0 && op.Operands[0] is CName font:
                    map = maps.GetValueOrDefault(font.Name);
                    break;
                case "Tj" when op.Operands.Count > 0 && op.Operands[0] is CString s:
                    Decode(s, map, text);
                    text.Append('\n');
                    break;
                case "TJ" when op.Operands.Count > 0 && op.Operands[0] is CArray array:
                    foreach (var s in array.OfType<CString>())
                        Decode(s, map, text);
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    private static void Decode(CString s, Dictionary<int, string>? map, StringBuilder text)
    {
        var codes = s.Value;
        for (var i = 0; i + 1 < codes.Length; i += 2)
        {
            var glyph = (codes[i] << 8) | codes[i + 1];
            text.Append(map is not null && map.TryGetValue(glyph, out var unicode) ? unicode : "\uFFFD");
        }
    }

    // "beginbfchar <glyph> <utf16> ... endbfchar" and "beginbfrange <first> <last> <utf16 of first> ... endbfrange".
    private static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in Block().Matches(cmap))
        {
            var values = Value().Matches(block.Groups[2].Value).Select(m => m.Groups[1].Value).ToList();
            var width = block.Groups[1].Value == "bfchar" ? 2 : 3;
            for (var i = 0; i + width <= values.Count; i += width)
            {
                var first = Hex(values[i]);
                var last = width == 3 ? Hex(values[i + 1]) : first;
                var target = values[i + width - 1];
                for (var g = first; g <= last && g - first < 65536; g++)
                    map[g] = target.Length == 4 ? char.ConvertFromUtf32(Hex(target) + g - first) : Utf16(target);
            }
        }
        return map;
    }

    private static string Utf16(string hex) =>
        new(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Hex(hex.Substring(i * 4, 4))).ToArray());

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"begin(bfchar|bfrange)(.*?)end\1", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex("<([0-9A-Fa-f]+)>")]
    private static partial Regex Value();
}
