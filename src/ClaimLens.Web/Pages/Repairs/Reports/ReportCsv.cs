using System.Globalization;
using System.Text;
using ClaimLens.Web.Repairs.Reports;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>A report's table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese).</summary>
public static class ReportCsv
{
    public static byte[] Write(RepairReportDto report, ReportGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Line(csv, [ReportWords.GroupText(grouping), L("报修数", "Requests"), L("已判定接单", "Response decided"), L("按时接单", "Response met"),
            L("按时接单率 %", "Response within target %"), L("完工数", "Completed"), L("一次修复", "First-time fixes"), L("一次修复率 %", "First-time fix %"),
            L("返修", "Re-repairs"), L("返修率 %", "Re-repair %"), L("回访答复", "Answers"), L("满意度平均分", "Satisfaction mean"),
            "1", "2", "3", "4", "5"]);
        foreach (var row in report.Rows.Append(report.Total with { Label = L("合计", "Total") }))
        {
            Line(csv, [ReportWords.Label(row), N(row.Requests), N(row.ResponseDecided), N(row.ResponseMet), D(row.ResponseMetPercent), N(row.Completed),
                N(row.FirstTimeFixes), D(row.FirstTimeFixPercent), N(row.ReRepairs), D(row.ReRepairPercent), N(row.SatisfactionAnswers),
                D(row.SatisfactionMean), .. row.Satisfaction.Select(N)]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(double? d) => d?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    /// <summary>Quoted when needed; a brand typed as <c>=HYPERLINK(…)</c> must stay text in a spreadsheet.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
