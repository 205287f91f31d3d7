using System.Text;

namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>A line chart over time drawn on the server as SVG: one line per series (told apart by dash as well as
/// colour), a dot with its value per point, a gap where a period has no data, a legend and both axis labels.</summary>
public static class SvgLineChart
{
    private const double Width = 640;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 56;
    private const double PlotHeight = 220;

    /// <param name="id">The element id (unique on the page).</param>
    /// <param name="title">Shown above the chart and as its accessible name.</param>
    /// <param name="xAxisLabel">What the categories are (weeks, months).</param>
    /// <param name="yAxisLabel">What the values are, with the unit.</param>
    /// <param name="categories">The x labels, left to right.</param>
    /// <param name="series">Each with one value per category.</param>
    /// <param name="max">The top of the y axis (100 for percentages).</param>
    public static string Render(string id, string title, string xAxisLabel, string yAxisLabel, IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> series, double max)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var plotWidth = Width - Left - Right;
        var bottom = Top + PlotHeight;
        var height = bottom + 64;
        var step = categories.Count > 1 ? plotWidth / (categories.Count - 1) : 0;
        double X(int i) => categories.Count > 1 ? Left + i * step : Left + plotWidth / 2;
        double Y(double v) => bottom - PlotHeight * Math.Clamp(v / max, 0, 1);
        var description = string.Join(". ", series.Select(s => s.Name + ": " + string.Join(", ",
            categories.Select((c, i) => $"{c} {(s.Values[i] is { } v ? Svg.N(v) : "—")}"))));
        var svg = new StringBuilder(Svg.Open(id, Width, height, title, $"{yAxisLabel}. {description}"));
        svg.Append($"<text class=\"chart-title\" x=\"0\" y=\"18\">{Svg.Text(title)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var x = Left + s * 200;
            svg.Append($"<g class=\"legend {Svg.Text(series[s].CssClass)}\"><line x1=\"{Svg.N(x)}\" y1=\"36\" x2=\"{Svg.N(x + 28)}\" y2=\"36\"/>")
                .Append($"<text x=\"{Svg.N(x + 34)}\" y=\"40\">{Svg.Text(series[s].Name)}</text></g>");
        }
        for (var i = 0; i <= 4; i++)
        {
            var y = Y(max * i / 4);
            svg.Append($"<line class=\"grid\" x1=\"{Svg.N(Left)}\" y1=\"{Svg.N(y)}\" x2=\"{Svg.N(Width - Right)}\" y2=\"{Svg.N(y)}\"/>")
                .Append($"<text class=\"tick\" x=\"{Svg.N(Left - 6)}\" y=\"{Svg.N(y + 4)}\" text-anchor=\"end\">{Svg.N(max * i / 4)}</text>");
        }
        // Label at most about 12 categories so the dates never overlap (every category stays in the table).
        var every = Math.Max(1, (int)Math.Ceiling(categories.Count / 12.0));
        for (var i = 0; i < categories.Count; i += every)
            svg.Append($"<text class=\"tick\" x=\"{Svg.N(X(i))}\" y=\"{Svg.N(bottom + 16)}\" text-anchor=\"middle\">{Svg.Text(categories[i])}</text>");
        var writeValues = categories.Count <= 16;
        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            // The second line writes its values under its dots, so equal values of two lines do not print over each other.
            var offset = s % 2 == 0 ? -8 : 18;
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < categories.Count && i < line.Values.Count; i++)
            {
                if (line.Values[i] is not { } v)
                {
                    pen = false;
                    continue;
                }
                path.Append(pen ? " L" : " M").Append(Svg.N(X(i))).Append(' ').Append(Svg.N(Y(v)));
                pen = true;
            }
            svg.Append($"<g class=\"series {Svg.Text(line.CssClass)}\"><path d=\"{path.ToString().Trim()}\"/>");
            for (var i = 0; i < categories.Count && i < line.Values.Count; i++)
            {
                if (line.Values[i] is not { } v)
                    continue;
                svg.Append($"<circle cx=\"{Svg.N(X(i))}\" cy=\"{Svg.N(Y(v))}\" r=\"4\"><title>{Svg.Text(line.Name)} {Svg.Text(categories[i])}: {Svg.N(v)}</title></circle>");
                if (writeValues)
                    svg.Append($"<text class=\"value\" x=\"{Svg.N(X(i))}\" y=\"{Svg.N(Y(v) + offset)}\" text-anchor=\"middle\">{Svg.N(v)}</text>");
            }
            svg.Append("</g>");
        }
        svg.Append($"<line class=\"axis\" x1=\"{Svg.N(Left)}\" y1=\"{Svg.N(bottom)}\" x2=\"{Svg.N(Width - Right)}\" y2=\"{Svg.N(bottom)}\"/>")
            .Append($"<text class=\"axis-label\" x=\"{Svg.N(Left + plotWidth / 2)}\" y=\"{Svg.N(bottom + 40)}\" text-anchor=\"middle\">{Svg.Text(xAxisLabel)}</text>")
            .Append($"<text class=\"axis-label\" transform=\"translate(14 {Svg.N(Top + PlotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Svg.Text(yAxisLabel)}</text>")
            .Append("</svg>");
        return svg.ToString();
    }
}
