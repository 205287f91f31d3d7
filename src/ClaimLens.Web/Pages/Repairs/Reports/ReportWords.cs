using System.Globalization;
using ClaimLens.Web.Repairs.Reports;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>How the reports page names its measures and groups, and reads a measure off a row.</summary>
public static class ReportWords
{
    public static readonly string[] Measures = ["response", "ftf", "rerepair", "satisfaction"];

    public static string MeasureText(string measure) => measure switch
    {
        "ftf" => L("一次修复率", "First-time fix rate"),
        "rerepair" => L("返修率", "Re-repair rate"),
        "satisfaction" => L("满意度（平均分，满分 5）", "Satisfaction (mean out of 5)"),
        _ => L("按时接单率", "Response within target"),
    };

    public static string GroupText(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Province => L("省份", "Province"),
        ReportGrouping.City => L("城市", "City"),
        ReportGrouping.County => L("区县", "County / district"),
        ReportGrouping.Technician => L("师傅", "Technician"),
        ReportGrouping.Brand => L("品牌", "Brand"),
        ReportGrouping.Month => L("月份", "Month"),
        _ => L("周（起始日）", "Week (starting)"),
    };

    public static string Label(RepairReportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Label == RepairReports.Unassigned ? L("未指派", "Unassigned") : row.Label;
    }

    /// <summary>The bar of a row for <paramref name="measure"/>, or null when the row has nothing to measure.</summary>
    public static ChartBar? Bar(RepairReportRow row, string measure)
    {
        ArgumentNullException.ThrowIfNull(row);
        return measure switch
        {
            "ftf" => Percent(row, row.FirstTimeFixPercent, row.FirstTimeFixes, row.Completed),
            "rerepair" => Percent(row, row.ReRepairPercent, row.ReRepairs, row.Completed),
            "satisfaction" => row.SatisfactionMean is { } m
                ? new ChartBar(Label(row), m, $"{m.ToString("0.00", CultureInfo.InvariantCulture)} ({L($"{row.SatisfactionAnswers} 份", $"{row.SatisfactionAnswers} answers")})")
                : null,
            _ => Percent(row, row.ResponseMetPercent, row.ResponseMet, row.ResponseDecided),
        };
    }

    public static string Pct(double? percent) => percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Mean(double? mean) => mean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static ChartBar? Percent(RepairReportRow row, double? percent, int part, int whole) =>
        percent is { } p ? new ChartBar(Label(row), p, $"{Pct(p)} ({part}/{whole})") : null;
}
