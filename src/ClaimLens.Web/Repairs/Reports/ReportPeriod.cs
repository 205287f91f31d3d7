using System.Globalization;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Repairs.Planning;

namespace ClaimLens.Web.Repairs.Reports;

/// <summary>A report's period and grouping, checked: local dates in the tenant's zone and their UTC bounds.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, TimeZoneInfo Zone, ReportGrouping Grouping)
{
    /// <summary>The longest period a report covers (two years of weeks stays a chart, not a wall).</summary>
    public const int MaxDays = 731;

    public DateTimeOffset Start => DayPlanApi.LocalMidnight(From, Zone);

    public DateTimeOffset End => DayPlanApi.LocalMidnight(To.AddDays(1), Zone);

    public static string Name(ReportGrouping grouping) => grouping.ToString().ToLowerInvariant();

    /// <summary>The default period: the last 12 weeks, Monday to today in the tenant's zone.</summary>
    public static (DateOnly From, DateOnly To) Default(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return (WeekStart(today).AddDays(-7 * 11), today);
    }

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Reads the query's strings; every bad field is added to <paramref name="v"/> (null then).</summary>
    public static ReportPeriod? Parse(string? from, string? to, string? groupBy, ReportGrouping fallback, DateTimeOffset now, TimeZoneInfo zone, Validation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var (defaultFrom, defaultTo) = Default(now, zone);
        var start = Date(from, "from", defaultFrom, v);
        var end = Date(to, "to", defaultTo, v);
        ReportGrouping grouping = fallback;
        if (!string.IsNullOrEmpty(groupBy) && !TryGrouping(groupBy, out grouping))
            v.Add("groupBy", "groupBy must be province, city, county, technician, brand, week or month");
        if (start is { } s && end is { } e)
        {
            if (s > e)
                v.Add("from", "from must not be after to");
            else if (e.DayNumber - s.DayNumber + 1 > MaxDays)
                v.Add("to", $"a report covers at most {MaxDays} days");
        }
        return v.IsValid ? new ReportPeriod(start!.Value, end!.Value, zone, grouping) : null;
    }

    public static bool TryGrouping(string? text, out ReportGrouping grouping)
    {
        foreach (var g in Enum.GetValues<ReportGrouping>())
        {
            if (string.Equals(Name(g), text, StringComparison.Ordinal))
            {
                grouping = g;
                return true;
            }
        }
        grouping = default;
        return false;
    }

    /// <summary>The time buckets of a week or month grouping: key (first local day) and UTC start, clipped to the period.</summary>
    public IReadOnlyList<(string Key, DateTimeOffset Start)> Buckets()
    {
        var list = new List<(string, DateTimeOffset)>();
        var day = From;
        while (day <= To)
        {
            list.Add((Grouping == ReportGrouping.Month ? day.ToString("yyyy-MM", CultureInfo.InvariantCulture) : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DayPlanApi.LocalMidnight(day, Zone)));
            day = Grouping == ReportGrouping.Month ? new DateOnly(day.Year, day.Month, 1).AddMonths(1) : WeekStart(day).AddDays(7);
        }
        return list;
    }

    private static DateOnly? Date(string? text, string field, DateOnly fallback, Validation v)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (text.Length <= 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        v.Add(field, $"{field} must be a date as yyyy-MM-dd");
        return null;
    }
}
