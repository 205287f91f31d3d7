using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The repair report's figures for <see cref="ReportScenario"/>, worked out by hand, on SQLite and PostgreSQL.</summary>
public sealed class ReportTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Report_SeededJobs_GivesTheHandComputedFigures_PerWeekBrandTechnicianAndProvince(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var (fixer, safeMan) = await ReportScenario.SeedAsync(desk);
        var tenant = desk.ClientFor(desk.MerchantA.Key);

        // Default: the last 12 weeks (Monday 2026-08-31 to Friday 2026-11-20, Shanghai), per week.
        var weeks = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports");
        Assert.Equal("2026-08-31", weeks.GetProperty("from").GetString());
        Assert.Equal("2026-11-20", weeks.GetProperty("to").GetString());
        Assert.Equal("week", weeks.GetProperty("groupBy").GetString());
        // 5 requests, 5 decided, 4 met (R4 missed); 3 completed, 1 first-time fix (R1), 1 re-repair (R3); answers 5, 3, 4.
        AssertRow(weeks.GetProperty("total"), requests: 5, decided: 5, met: 4, metPercent: 80.0, completed: 3, firstTime: 1, firstTimePercent: 33.3,
            reRepairs: 1, reRepairPercent: 33.3, mean: 4.0, [0, 0, 1, 1, 1]);
        var rows = weeks.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal("2026-11-16", rows[^1].GetProperty("key").GetString());
        AssertRow(rows[^1], 5, 5, 4, 80.0, 3, 1, 33.3, 1, 33.3, 4.0, [0, 0, 1, 1, 1]);
        Assert.All(rows.Take(11), r => AssertRow(r, 0, 0, 0, null, 0, 0, null, 0, null, null, [0, 0, 0, 0, 0]));

        var brands = Rows(await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?groupBy=brand"));
        AssertRow(brands[ReportScenario.Lock], 3, 3, 2, 66.7, 2, 1, 50.0, 0, 0.0, 4.0, [0, 0, 1, 0, 1]);
        AssertRow(brands[ReportScenario.SafeBrand], 2, 2, 2, 100.0, 1, 0, 0.0, 1, 100.0, 4.0, [0, 0, 0, 1, 0]);

        var technicians = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?groupBy=technician");
        var byTechnician = Rows(technicians);
        AssertRow(byTechnician[fixer.ToString()], 2, 2, 2, 100.0, 2, 1, 50.0, 0, 0.0, 4.0, [0, 0, 1, 0, 1]);
        AssertRow(byTechnician[safeMan.ToString()], 2, 2, 2, 100.0, 1, 0, 0.0, 1, 100.0, 4.0, [0, 0, 0, 1, 0]);
        AssertRow(byTechnician[""], 1, 1, 0, 0.0, 0, 0, null, 0, null, null, [0, 0, 0, 0, 0]);
        Assert.Contains(technicians.GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString() == "修 Fixer");

        var provinces = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?groupBy=province");
        AssertRow(Rows(provinces)[RepairApi.Province], 4, 4, 4, 100.0, 3, 1, 33.3, 1, 33.3, 4.0, [0, 0, 1, 1, 1]);
        AssertRow(Rows(provinces)["44"], 1, 1, 0, 0.0, 0, 0, null, 0, null, null, [0, 0, 0, 0, 0]);
        Assert.Contains(provinces.GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString() == "北京市");
        var counties = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?groupBy=county");
        Assert.Contains(counties.GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString()!.EndsWith("东城区", StringComparison.Ordinal));

        // A period that ends before the jobs, and one month: nothing, then everything.
        var before = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?from=2026-10-01&to=2026-11-19&groupBy=month");
        Assert.Equal(["2026-10", "2026-11"], before.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        AssertRow(before.GetProperty("total"), 0, 0, 0, null, 0, 0, null, 0, null, null, [0, 0, 0, 0, 0]);
        var month = await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?from=2026-11-01&to=2026-11-30&groupBy=month");
        AssertRow(month.GetProperty("total"), 5, 5, 4, 80.0, 3, 1, 33.3, 1, 33.3, 4.0, [0, 0, 1, 1, 1]);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Report_OtherTenant_SeesOnlyItsOwnRequests(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await ReportScenario.SeedAsync(desk);
        var other = desk.ClientFor(desk.MerchantB.Key);
        await other.CreateRequestAsync(RepairApi.Request(town: RepairApi.UncoveredTown, phone: "13700000001"));

        var report = await other.GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports?groupBy=technician");
        AssertRow(report.GetProperty("total"), 1, 0, 0, null, 0, 0, null, 0, null, null, [0, 0, 0, 0, 0]);
        Assert.Equal([""], report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        var mine = await desk.ClientFor(desk.MerchantA.Key).GetFromJsonAsync<JsonElement>("/api/v1/repairs/reports");
        Assert.Equal(5, mine.GetProperty("total").GetProperty("requests").GetInt32());
        using var anonymous = desk.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/repairs/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.ClientFor(desk.ReviewerKey).GetAsync("/api/v1/repairs/reports")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Report_BadQuery_IsAValidationProblemNamingTheField(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Tried: from after to, an unknown grouping, a date that is not yyyy-MM-dd, a period over two years.
        foreach (var (query, field) in new[]
        {
            ("from=2026-11-20&to=2026-11-01", "from"), ("groupBy=galaxy", "groupBy"), ("from=20.11.2026", "from"), ("to=2026-02-30", "to"),
            ("from=2020-01-01&to=2026-11-20", "to"),
        })
        {
            var response = await tenant.GetAsync($"/api/v1/repairs/reports?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.ProblemAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{query}: no error for {field}: {errors}");
        }
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement report) =>
        report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);

    private static void AssertRow(JsonElement row, int requests, int decided, int met, double? metPercent, int completed, int firstTime,
        double? firstTimePercent, int reRepairs, double? reRepairPercent, double? mean, int[] satisfaction)
    {
        var key = row.GetProperty("key").GetString();
        Assert.True(requests == row.GetProperty("requests").GetInt32(), $"{key} requests: {row}");
        Assert.Equal(decided, row.GetProperty("responseDecided").GetInt32());
        Assert.Equal(met, row.GetProperty("responseMet").GetInt32());
        Assert.Equal(metPercent, Number(row, "responseMetPercent"));
        Assert.True(completed == row.GetProperty("completed").GetInt32(), $"{key} completed: {row}");
        Assert.True(firstTime == row.GetProperty("firstTimeFixes").GetInt32(), $"{key} first-time fixes: {row}");
        Assert.Equal(firstTimePercent, Number(row, "firstTimeFixPercent"));
        Assert.Equal(reRepairs, row.GetProperty("reRepairs").GetInt32());
        Assert.Equal(reRepairPercent, Number(row, "reRepairPercent"));
        Assert.Equal(mean, Number(row, "satisfactionMean"));
        Assert.Equal(satisfaction, row.GetProperty("satisfaction").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(satisfaction.Sum(), row.GetProperty("satisfactionAnswers").GetInt32());
    }

    private static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();
}
