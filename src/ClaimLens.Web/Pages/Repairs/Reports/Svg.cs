using System.Globalization;
using System.Net;

namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>What the SVG charts write the same way: escaped text, invariant numbers, shortened labels.</summary>
internal static class Svg
{
    public static string Text(string s) => WebUtility.HtmlEncode(s);

    public static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="width"/> half-width columns, a Chinese character counting two (the full label
    /// stays in the row's tooltip, the description and the table).</summary>
    public static string Short(string s, int width)
    {
        var used = 0;
        for (var i = 0; i < s.Length; i++)
        {
            used += s[i] > 0x2E7F ? 2 : 1;
            if (used > width)
                return string.Concat(s.AsSpan(0, Math.Max(0, i - 1)), "…");
        }
        return s;
    }

    /// <summary>The SVG element with its accessible name (title) and description (every value, for screen readers).</summary>
    public static string Open(string id, double width, double height, string title, string description) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{Text(id)}\" role=\"img\" viewBox=\"0 0 {N(width)} {N(height)}\" " +
        $"aria-labelledby=\"{Text(id)}-title {Text(id)}-desc\"><title id=\"{Text(id)}-title\">{Text(title)}</title>" +
        $"<desc id=\"{Text(id)}-desc\">{Text(description)}</desc>";
}
