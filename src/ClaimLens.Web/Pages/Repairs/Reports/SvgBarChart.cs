using System.Text;

namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>A horizontal bar chart drawn on the server as SVG: a title, the group labels on the left, the value written
/// at the end of each bar, grid lines with tick values and the axis label below. No script: it prints as it shows.</summary>
public static class SvgBarChart
{
    private const double Width = 640;
    private const double LabelWidth = 170;
    private const double PlotWidth = 340;
    private const double Top = 36;
    private const double RowHeight = 28;
    private const double BarHeight = 18;

    /// <param name="id">The element id (unique on the page).</param>
    /// <param name="title">Shown above the chart and as its accessible name.</param>
    /// <param name="axisLabel">What the bars measure, with the unit.</param>
    /// <param name="bars">In the order to draw, top first.</param>
    /// <param name="max">The value of a full-length bar (100 for percentages, 5 for a mean out of 5); 0 for counts, whose
    /// axis then ends at the largest count rounded up to a multiple of 4, so every tick is a whole number.</param>
    public static string Render(string id, string title, string axisLabel, IReadOnlyList<ChartBar> bars, double max)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (max <= 0)
            max = 4 * Math.Max(1, Math.Ceiling((bars.Count == 0 ? 0 : bars.Max(b => b.Value)) / 4));
        var plotBottom = Top + Math.Max(1, bars.Count) * RowHeight;
        var height = plotBottom + 48;
        var description = string.Join("; ", bars.Select(b => $"{b.Label}: {b.ValueText}"));
        var svg = new StringBuilder(Svg.Open(id, Width, height, title, $"{axisLabel}. {description}"));
        svg.Append($"<text class=\"chart-title\" x=\"0\" y=\"18\">{Svg.Text(title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var x = LabelWidth + PlotWidth * i / 4;
            svg.Append($"<line class=\"grid\" x1=\"{Svg.N(x)}\" y1=\"{Svg.N(Top - 4)}\" x2=\"{Svg.N(x)}\" y2=\"{Svg.N(plotBottom)}\"/>")
                .Append($"<text class=\"tick\" x=\"{Svg.N(x)}\" y=\"{Svg.N(plotBottom + 16)}\" text-anchor=\"middle\">{Svg.N(max * i / 4)}</text>");
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * RowHeight;
            var length = PlotWidth * Math.Clamp(bar.Value / max, 0, 1);
            svg.Append($"<g class=\"bar-row\"><title>{Svg.Text(bar.Label)}: {Svg.Text(bar.ValueText)}</title>")
                .Append($"<text class=\"label\" x=\"{Svg.N(LabelWidth - 8)}\" y=\"{Svg.N(y + BarHeight - 4)}\" text-anchor=\"end\">{Svg.Text(Svg.Short(bar.Label, 26))}</text>")
                .Append($"<rect class=\"bar\" x=\"{Svg.N(LabelWidth)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(Math.Max(length, 1))}\" height=\"{Svg.N(BarHeight)}\"/>")
                .Append($"<text class=\"value\" x=\"{Svg.N(LabelWidth + length + 6)}\" y=\"{Svg.N(y + BarHeight - 4)}\">{Svg.Text(bar.ValueText)}</text></g>");
        }
        svg.Append($"<line class=\"axis\" x1=\"{Svg.N(LabelWidth)}\" y1=\"{Svg.N(Top - 4)}\" x2=\"{Svg.N(LabelWidth)}\" y2=\"{Svg.N(plotBottom)}\"/>")
            .Append($"<text class=\"axis-label\" x=\"{Svg.N(LabelWidth + PlotWidth / 2)}\" y=\"{Svg.N(plotBottom + 38)}\" text-anchor=\"middle\">{Svg.Text(axisLabel)}</text>")
            .Append("</svg>");
        return svg.ToString();
    }
}
