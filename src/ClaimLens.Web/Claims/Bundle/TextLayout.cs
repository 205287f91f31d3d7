using System.Text;
using PdfSharp.Drawing;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Breaks text into lines that fit a width: Chinese (and other CJK) text may break after any character,
/// Latin text between words; a word wider than the line (a hash, a path) breaks between characters.</summary>
internal static class TextLayout
{
    // Closing punctuation never starts a line: it stays with the character before it.
    private const string NoLineStart = "，。、；：！？）】」』》〉,.;:!?)]";

    public static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = new StringBuilder();
            var lineWidth = 0.0;
            foreach (var token in Tokens(paragraph))
            {
                var tokenWidth = gfx.MeasureString(token, font).Width;
                // A word's trailing space may hang past the edge.
                var inkWidth = token.EndsWith(' ') ? gfx.MeasureString(token.TrimEnd(), font).Width : tokenWidth;
                if (lineWidth + inkWidth > width && line.Length > 0)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    lineWidth = 0;
                    if (token.IsWhiteSpace())
                        continue;
                }
                if (inkWidth > width)
                {
                    var pieces = BreakWord(gfx, token, font, width);
                    lines.AddRange(pieces[..^1]);
                    line.Append(pieces[^1]);
                    lineWidth = gfx.MeasureString(pieces[^1], font).Width;
                    continue;
                }
                line.Append(token);
                lineWidth += tokenWidth;
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    /// <summary>CJK characters one by one, Latin words with the spaces after them, closing punctuation glued on.</summary>
    internal static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            if (NoLineStart.Contains(s, StringComparison.Ordinal))
            {
                token.Append(s);
                continue;
            }
            var cjk = IsCjk(rune);
            var afterSpace = token.Length > 0 && char.IsWhiteSpace(token[^1]) && !Rune.IsWhiteSpace(rune);
            if (token.Length > 0 && (cjk || afterSpace || IsCjk(LastRune(token))))
            {
                yield return token.ToString();
                token.Clear();
            }
            token.Append(s);
        }
        if (token.Length > 0)
            yield return token.ToString();
    }

    private static List<string> BreakWord(XGraphics gfx, string word, XFont font, double width)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        foreach (var rune in word.EnumerateRunes())
        {
            if (piece.Length > 0 && gfx.MeasureString(piece + rune.ToString(), font).Width > width)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
            }
            piece.Append(rune.ToString());
        }
        pieces.Add(piece.ToString());
        return pieces;
    }

    private static Rune LastRune(StringBuilder token) =>
        token.Length >= 2 && char.IsSurrogatePair(token[^2], token[^1]) ? new Rune(token[^2], token[^1]) : new Rune(char.IsSurrogate(token[^1]) ? '?' : token[^1]);

    private static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0x9FFF => true,   // radicals, CJK punctuation, kana, unified ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms
        >= 0x20000 and <= 0x3FFFF => true, // extension planes
        _ => false,
    };

    private static bool IsWhiteSpace(this string s) => string.IsNullOrWhiteSpace(s);
}
