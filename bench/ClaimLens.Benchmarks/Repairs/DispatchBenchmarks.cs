using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;

namespace ClaimLens.Benchmarks.Repairs;

/// <summary>The dispatch decision (resolve the request against the pool, filter by coverage, skill, shift and capacity,
/// rank) with 10,000 technicians, over 1,000 requests in random towns of the covered area; and the cost of rebuilding
/// the pool. The setup also prints p50/p99/max of 10,000 single decisions timed one by one with a Stopwatch.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Requests = 1000;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly DispatchWeights _weights = new();
    private List<Technician> _technicians = null!;
    private Dictionary<Guid, int> _loads = null!;
    private TechnicianPool _pool = null!;
    private ServiceRequest[] _requests = null!;

    [Params("nationwide", "one-city")]
    public string Spread { get; set; } = "nationwide";

    [GlobalSetup]
    public void Setup()
    {
        var regions = RegionIndex.Shared;
        _technicians = NationwideTechnicians.Make(regions, 10_000, Spread, 1);
        _loads = NationwideTechnicians.Loads(_technicians, 2);
        _pool = TechnicianPool.Build(regions, Shanghai, _technicians, _loads);
        var random = new Random(3);
        // Requests land in towns of the counties technicians cover, so most have candidates (the expensive case).
        var towns = _technicians.SelectMany(t => t.Regions).Where(c => c.Length == 9).Distinct().ToArray();
        _requests = [.. Enumerable.Range(0, Requests).Select(_ => Request(regions, towns[random.Next(towns.Length)], random))];
        PrintLatency();
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public int Decide()
    {
        var offered = 0;
        foreach (var request in _requests)
        {
            if (DispatchQuery.For(_pool, request) is { } query && DispatchRanking.Best(_pool, query, _weights, Now) is not null)
                offered++;
        }
        return offered;
    }

    /// <summary>Rebuilding the pool from loaded technicians (what a refresh costs after the database read).</summary>
    [Benchmark]
    public int BuildPool() => TechnicianPool.Build(RegionIndex.Shared, Shanghai, _technicians, _loads).Count;

    private static ServiceRequest Request(RegionIndex regions, string town, Random random)
    {
        regions.TryFind(town, out var id);
        return new ServiceRequest
        {
            Brand = NationwideTechnicians.Brands[random.Next(NationwideTechnicians.Brands.Length)],
            ProductType = NationwideTechnicians.ProductTypes[random.Next(NationwideTechnicians.ProductTypes.Length)],
            Fault = "f", TownCode = town, CountyCode = regions.Code(regions.Parent(id)), CityCode = "", ProvinceCode = "",
            StreetProtected = "", NameProtected = "", PhoneProtected = "", PhoneIndex = "",
            Latitude = 22 + random.NextDouble() * 18, Longitude = 100 + random.NextDouble() * 22,
        };
    }

    private void PrintLatency()
    {
        var random = new Random(4);
        var times = new double[10_000];
        var offered = 0;
        for (var i = 0; i < 500; i++)
            Decide1(_requests[i % Requests]);
        for (var i = 0; i < times.Length; i++)
        {
            var request = _requests[random.Next(Requests)];
            var start = Stopwatch.GetTimestamp();
            offered += Decide1(request) ? 1 : 0;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"// dispatch ({Spread}): 10,000 technicians, 10,000 single decisions ({offered:N0} found a candidate): " +
            $"p50 {times[5000]:F4} ms, p99 {times[9900]:F4} ms, max {times[^1]:F4} ms");
    }

    private bool Decide1(ServiceRequest request) =>
        DispatchQuery.For(_pool, request) is { } query && DispatchRanking.Best(_pool, query, _weights, Now) is not null;
}
