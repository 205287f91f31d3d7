using System.Text;
using ClaimLens.Web.Pages.Repairs.Reports;
using ClaimLens.Web.Repairs.Reports;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The reports page's SVG charts and CSV, drawn from hand-made rows: escaping of what tenants typed (brands),
/// gaps, axes, and the accessible name and description.</summary>
public sealed class ReportChartTests
{
    [Fact]
    public void BarChart_HostileLabel_IsEscapedText_AndEveryValueIsInTheDescription()
    {
        // Tried: a brand typed as markup, and an ampersand.
        var svg = SvgBarChart.Render("c1", "按品牌", "一次修复率 %",
            [new ChartBar("<script>alert(1)</script>", 50, "50.0% (1/2)"), new ChartBar("A&B", 100, "100.0% (1/1)")], 100);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"c1-title c1-desc\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"c1-title\">按品牌</title>", svg, StringComparison.Ordinal);
        Assert.Contains("A&amp;B: 100.0% (1/1)", svg, StringComparison.Ordinal);
        Assert.Contains(">50.0% (1/2)</text>", svg, StringComparison.Ordinal);
        // Half the plot for 50 %: bars are 340 units at 100.
        Assert.Contains("width=\"170\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void BarChart_Counts_AxisEndsAtAMultipleOfFour_SoTicksAreWhole()
    {
        var svg = SvgBarChart.Render("c2", "分布", "份数", [new ChartBar("5", 5, "5"), new ChartBar("4", 1, "1")], 0);

        foreach (var tick in new[] { ">0<", ">2<", ">4<", ">6<", ">8<" })
            Assert.Contains(tick, svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">1.3<", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void LineChart_NullValue_LeavesAGap_AndLongLabelsAreShortenedNotDropped()
    {
        var svg = SvgLineChart.Render("c3", "趋势", "周", "%", ["11-02", "11-09", "11-16"],
            [new ChartSeries("按时接单率", [50, null, 70], "s-response")], 100);

        var path = svg[(svg.IndexOf("<path d=\"", StringComparison.Ordinal) + 9)..];
        path = path[..path.IndexOf('"', StringComparison.Ordinal)];
        Assert.Equal(2, path.Count(c => c == 'M'));
        Assert.DoesNotContain('L', path);
        Assert.Contains("11-09 —", svg, StringComparison.Ordinal);
        Assert.Equal(2, svg.Split("<circle").Length - 1);
    }

    [Fact]
    public void Csv_FormulaLikeBrand_StaysText_AndQuotesAreEscaped()
    {
        var zero = new RepairReportRow("total", "total", 1, 1, 1, 100, 0, 0, null, 0, null, 0, null, [0, 0, 0, 0, 0]);
        var report = new RepairReportDto(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "Asia/Shanghai", "brand", zero,
            [zero with { Key = "=HYPERLINK(\"x\")", Label = "=HYPERLINK(\"x\")" }]);

        var text = Encoding.UTF8.GetString(ReportCsv.Write(report, ReportGrouping.Brand));

        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\",1,1,1,100,0,0,,0,,0,,0,0,0,0,0", text, StringComparison.Ordinal);
    }
}
