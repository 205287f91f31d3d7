using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Pages.Repairs.Reports;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The tenant's repair report: the measures over time as a line chart, per region, technician and brand as bar
/// charts, each with the same numbers in a table (and as CSV). Built by the API's <see cref="RepairReports"/>.</summary>
public sealed class ReportsModel(ClaimLensDbContext db, RegionIndex regions, TimeProvider time) : PageModel
{
    [FromQuery] public string? From { get; set; }

    [FromQuery] public string? To { get; set; }

    /// <summary>week or month.</summary>
    [FromQuery] public string? Time { get; set; }

    /// <summary>province, city or county.</summary>
    [FromQuery] public string? Region { get; set; }

    /// <summary>The measure the bar charts show (<see cref="ReportWords.Measures"/>).</summary>
    [FromQuery] public string? Measure { get; set; }

    public RepairReportDto? OverTime { get; private set; }

    public IReadOnlyList<(ReportGrouping Grouping, RepairReportDto Report)> Groups { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string ChosenMeasure => ReportWords.Measures.Contains(Measure) ? Measure! : "response";

    public ReportGrouping TimeGrouping => Time == "month" ? ReportGrouping.Month : ReportGrouping.Week;

    public ReportGrouping RegionGrouping => Region switch { "city" => ReportGrouping.City, "county" => ReportGrouping.County, _ => ReportGrouping.Province };

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (merchant, zone) = await ScopeAsync();
        var time = Period(TimeGrouping, zone);
        if (time is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        OverTime = await RepairReports.BuildAsync(db, regions, merchant, time, ct);
        var groups = new List<(ReportGrouping, RepairReportDto)>();
        foreach (var grouping in new[] { RegionGrouping, ReportGrouping.Technician, ReportGrouping.Brand })
            groups.Add((grouping, await RepairReports.BuildAsync(db, regions, merchant, time with { Grouping = grouping }, ct)));
        Groups = groups;
        return Page();
    }

    /// <summary>One grouping's table as a CSV download.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? groupBy)
    {
        var (merchant, zone) = await ScopeAsync();
        var grouping = ReportPeriod.TryGrouping(groupBy, out var g) ? g : ReportGrouping.Week;
        var period = Period(grouping, zone);
        if (period is null)
            return BadRequest();
        var report = await RepairReports.BuildAsync(db, regions, merchant, period, HttpContext.RequestAborted);
        return File(ReportCsv.Write(report, grouping), "text/csv; charset=utf-8", $"repair-report-{ReportPeriod.Name(grouping)}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
    }

    private async Task<(Guid Merchant, TimeZoneInfo Zone)> ScopeAsync()
    {
        var merchant = Caller.From(User).RequireMerchant();
        return (merchant, await FollowUpsApi.ZoneAsync(db, merchant, HttpContext.RequestAborted));
    }

    private ReportPeriod? Period(ReportGrouping grouping, TimeZoneInfo zone)
    {
        var v = new Validation();
        var period = ReportPeriod.Parse(From, To, ReportPeriod.Name(grouping), grouping, time.GetUtcNow(), zone, v);
        foreach (var field in v.ToDictionary().Keys)
        {
            Errors[field] = field == "from"
                ? L("开始日期须为有效日期，且不晚于结束日期。", "The start date must be a valid date, not after the end date.")
                : L($"结束日期须为有效日期；一份报表最多覆盖 {ReportPeriod.MaxDays} 天。", $"The end date must be a valid date; a report covers at most {ReportPeriod.MaxDays} days.");
        }
        return period;
    }
}
