using System.Linq.Expressions;
using ClaimLens.Web.Data;
using ClaimLens.Web.Regions;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Reports;

/// <summary>Builds a tenant's repair report with two GROUP BY queries (requests created; jobs completed), so the
/// database counts and the desk receives one row per group whatever the number of requests (decision 0020).</summary>
public static class RepairReports
{
    /// <summary>The label of the group of requests no technician holds.</summary>
    public const string Unassigned = "未指派 (unassigned)";

    private sealed record Counts(int Requests, int Decided, int Met, int Completed, int FirstTime, int ComeBacks, int[] Satisfaction)
    {
        public static readonly Counts Zero = new(0, 0, 0, 0, 0, 0, new int[5]);
    }

    public static async Task<RepairReportDto> BuildAsync(ClaimLensDbContext db, RegionIndex regions, Guid merchant, ReportPeriod period,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(period);
        var (start, end) = (period.Start, period.End);
        var created = db.ServiceRequests.AsNoTracking().Where(r => r.MerchantId == merchant && r.CreatedAt >= start && r.CreatedAt < end)
            .Select(r => new ReportFacts
            {
                ProvinceCode = r.ProvinceCode, CityCode = r.CityCode, CountyCode = r.CountyCode, Brand = r.Brand, TechnicianId = r.TechnicianId,
                At = r.CreatedAt, ResponseMet = r.ResponseMet,
            });
        var jobs = from r in db.ServiceRequests.AsNoTracking()
                   where r.MerchantId == merchant && r.Status == RepairStatus.Completed && r.CompletedAt >= start && r.CompletedAt < end
                   join f in db.FollowUps.AsNoTracking() on r.Id equals f.RequestId into answers
                   from f in answers.DefaultIfEmpty()
                   select new ReportFacts
                   {
                       ProvinceCode = r.ProvinceCode, CityCode = r.CityCode, CountyCode = r.CountyCode, Brand = r.Brand, TechnicianId = r.TechnicianId,
                       At = r.CompletedAt!.Value, OneVisit = r.PartsWaits == 0,
                       // A come-back filed and then cancelled (a mistaken call) does not count against the job.
                       CameBack = db.ServiceRequests.Any(c => c.WarrantyOfRequestId == r.Id && c.Status != RepairStatus.Cancelled),
                       Satisfaction = f == null ? null : f.Satisfaction,
                   };
        var buckets = period.Grouping is ReportGrouping.Week or ReportGrouping.Month ? period.Buckets() : [];
        var grouped = period.Grouping switch
        {
            ReportGrouping.Province => await GroupAsync(created, jobs, x => x.ProvinceCode, cancellationToken),
            ReportGrouping.City => await GroupAsync(created, jobs, x => x.CityCode, cancellationToken),
            ReportGrouping.County => await GroupAsync(created, jobs, x => x.CountyCode, cancellationToken),
            ReportGrouping.Brand => await GroupAsync(created, jobs, x => x.Brand, cancellationToken),
            ReportGrouping.Technician => await GroupAsync(created, jobs, x => x.TechnicianId, cancellationToken),
            _ => await GroupAsync(created, jobs, BucketOf(buckets), cancellationToken),
        };
        List<RepairReportRow> rows;
        if (buckets.Count > 0)
        {
            // Every bucket appears, empty ones too: a line over time must not skip the quiet weeks.
            rows = [.. buckets.Select((b, i) => Row(b.Key, b.Key, grouped.GetValueOrDefault(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Counts.Zero)))];
        }
        else
        {
            var names = period.Grouping == ReportGrouping.Technician ? await TechnicianNamesAsync(db, merchant, grouped.Keys, cancellationToken) : null;
            rows = [.. grouped.Select(g => Row(g.Key, Label(period.Grouping, g.Key, regions, names), g.Value))
                .OrderByDescending(r => r.Requests + r.Completed).ThenBy(r => r.Key, StringComparer.Ordinal)];
        }
        var total = grouped.Values.Aggregate(Counts.Zero, (a, b) => new Counts(a.Requests + b.Requests, a.Decided + b.Decided, a.Met + b.Met,
            a.Completed + b.Completed, a.FirstTime + b.FirstTime, a.ComeBacks + b.ComeBacks, [.. a.Satisfaction.Zip(b.Satisfaction, (x, y) => x + y)]));
        return new RepairReportDto(period.From, period.To, period.Zone.Id, ReportPeriod.Name(period.Grouping), Row("total", "total", total), rows);
    }

    private static async Task<Dictionary<string, Counts>> GroupAsync<TKey>(IQueryable<ReportFacts> created, IQueryable<ReportFacts> jobs,
        Expression<Func<ReportFacts, TKey>> key, CancellationToken cancellationToken)
    {
        var responses = await created.GroupBy(key)
            .Select(g => new { g.Key, Requests = g.Count(), Decided = g.Count(x => x.ResponseMet != null), Met = g.Count(x => x.ResponseMet == true) })
            .ToListAsync(cancellationToken);
        var done = await jobs.GroupBy(key)
            .Select(g => new
            {
                g.Key, Completed = g.Count(), FirstTime = g.Count(x => x.OneVisit && !x.CameBack), ComeBacks = g.Count(x => x.CameBack),
                S1 = g.Count(x => x.Satisfaction == 1), S2 = g.Count(x => x.Satisfaction == 2), S3 = g.Count(x => x.Satisfaction == 3),
                S4 = g.Count(x => x.Satisfaction == 4), S5 = g.Count(x => x.Satisfaction == 5),
            })
            .ToListAsync(cancellationToken);
        var map = new Dictionary<string, Counts>(StringComparer.Ordinal);
        foreach (var r in responses)
            map[KeyText(r.Key)] = Counts.Zero with { Requests = r.Requests, Decided = r.Decided, Met = r.Met };
        foreach (var j in done)
        {
            var k = KeyText(j.Key);
            map[k] = map.GetValueOrDefault(k, Counts.Zero) with
            {
                Completed = j.Completed, FirstTime = j.FirstTime, ComeBacks = j.ComeBacks, Satisfaction = [j.S1, j.S2, j.S3, j.S4, j.S5],
            };
        }
        return map;
    }

    /// <summary>The bucket index of <see cref="ReportFacts.At"/> as a CASE expression over the buckets' UTC starts, so
    /// weeks and months follow the tenant's zone (and its daylight saving, where it has one) on every database.</summary>
    private static Expression<Func<ReportFacts, int>> BucketOf(IReadOnlyList<(string Key, DateTimeOffset Start)> buckets)
    {
        var x = Expression.Parameter(typeof(ReportFacts), "x");
        var at = Expression.Property(x, nameof(ReportFacts.At));
        Expression body = Expression.Constant(buckets.Count - 1);
        for (var i = buckets.Count - 2; i >= 0; i--)
            body = Expression.Condition(Expression.LessThan(at, Expression.Constant(buckets[i + 1].Start)), Expression.Constant(i), body);
        return Expression.Lambda<Func<ReportFacts, int>>(body, x);
    }

    private static string KeyText<TKey>(TKey key) => key switch
    {
        null => "",
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        _ => key.ToString() ?? "",
    };

    private static async Task<Dictionary<string, string>> TechnicianNamesAsync(ClaimLensDbContext db, Guid merchant, IEnumerable<string> keys,
        CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        return await db.Technicians.AsNoTracking().Where(t => t.MerchantId == merchant && ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id.ToString(), t => t.Name, cancellationToken);
    }

    private static string Label(ReportGrouping grouping, string key, RegionIndex regions, Dictionary<string, string>? names)
    {
        if (grouping == ReportGrouping.Technician)
            return key.Length == 0 ? Unassigned : names?.GetValueOrDefault(key) ?? key;
        if (grouping == ReportGrouping.Brand || !regions.TryFind(key, out var id))
            return key;
        // The whole chain: a county's name alone repeats across the country, and many cities are called 市辖区.
        return string.Join(' ', regions.Chain(id).Select(regions.Name));
    }

    private static RepairReportRow Row(string key, string label, Counts c) => new(
        key, label, c.Requests, c.Decided, c.Met, Percent(c.Met, c.Decided), c.Completed, c.FirstTime, Percent(c.FirstTime, c.Completed),
        c.ComeBacks, Percent(c.ComeBacks, c.Completed), c.Satisfaction.Sum(), Mean(c.Satisfaction), c.Satisfaction);

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    private static double? Mean(int[] counts)
    {
        var n = counts.Sum();
        return n == 0 ? null : Math.Round(counts.Select((c, i) => c * (i + 1.0)).Sum() / n, 2);
    }
}
