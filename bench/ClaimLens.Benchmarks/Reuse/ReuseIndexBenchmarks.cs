using System.Diagnostics;
using System.Numerics;
using System.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClaimLens.Forensics.Reuse;

namespace ClaimLens.Benchmarks.Reuse;

/// <summary>Insert throughput, lookup time and memory of <see cref="ReuseIndex"/> at 1 and 10 million random
/// fingerprints. Insert is the time to add all <see cref="Entries"/> one by one into an empty index. Random hashes are the even case for the buckets; real pHashes are less uniform.
/// The setup also prints, outside BenchmarkDotNet's statistics, the managed bytes per entry after building and
/// the p50/p99/max of 10,000 single lookups timed one by one with a Stopwatch (BenchmarkDotNet reports means
/// per batch, not the tail of single calls).</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 2)]
[MemoryDiagnoser]
public class ReuseIndexBenchmarks
{
    private const int Lookups = 1000;

    private ReuseIndex _index = null!;
    private PerceptualHash[] _queries = null!;
    private PerceptualHash[][] _probeSets = null!;
    private PerceptualHash[] _fresh = null!;

    [Params(1_000_000, 10_000_000)]
    public int Entries { get; set; }

    [GlobalSetup(Targets = [nameof(Find), nameof(FindAny100Probes)])]
    public void BuildIndex()
    {
        var random = new Random(1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        _index = new ReuseIndex();
        var stored = new PerceptualHash[Lookups];
        for (var i = 0; i < Entries; i++)
        {
            var hash = Random128(random);
            if (i % (Entries / Lookups) == 0 && i / (Entries / Lookups) < Lookups) stored[i / (Entries / Lookups)] = hash;
            _index.Add(hash, i);
        }
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        // Merges leave freed large-object-heap space behind; compacting once shows what the index itself needs.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var compacted = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// reuse-index: {Entries:N0} entries built in {buildSeconds:F2} s ({Entries / buildSeconds:N0} inserts/s); " +
            $"managed {(after - before) / 1048576.0:F1} MB = {(double)(after - before) / Entries:F1} B/entry; index arrays {_index.MemoryBytes / 1048576.0:F1} MB; " +
            $"GC heap {info.HeapSizeBytes / 1048576.0:F1} MB, after LOH compaction {compacted.HeapSizeBytes / 1048576.0:F1} MB; " +
            $"working set {process.WorkingSet64 / 1048576.0:F1} MB");

        // Half the queries are near copies of stored entries (6 + 6 bits flipped), half unrelated.
        _queries = new PerceptualHash[Lookups];
        for (var i = 0; i < Lookups; i++)
        {
            _queries[i] = i % 2 == 0
                ? new PerceptualHash(Flip(stored[i].Value, 6, random), Flip(stored[i].Detail, 6, random))
                : Random128(random);
        }
        _probeSets = new PerceptualHash[10][];
        for (var s = 0; s < _probeSets.Length; s++)
            _probeSets[s] = Enumerable.Range(0, Fingerprinter.ProbeCount).Select(_ => Random128(random)).ToArray();
        PrintLatency();
    }

    [GlobalSetup(Target = nameof(Insert))]
    public void PrepareInsert()
    {
        var random = new Random(2);
        _fresh = new PerceptualHash[Entries];
        for (var i = 0; i < _fresh.Length; i++) _fresh[i] = Random128(random);
    }

    /// <summary>Builds an index of <see cref="Entries"/> fingerprints one Add at a time (time per insert).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int Insert()
    {
        var index = new ReuseIndex();
        for (var i = 0; i < _fresh.Length; i++) index.Add(_fresh[i], i);
        return index.Count;
    }

    /// <summary>One <see cref="ReuseIndex.Find"/> (mean over 1,000 queries, half of them hits).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Find()
    {
        var found = 0;
        foreach (var query in _queries) found += _index.Find(query).Count;
        return found;
    }

    /// <summary>One claim photo's lookup: <see cref="ReuseIndex.FindAny"/> with 100 crop probes.</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public int FindAny100Probes()
    {
        var found = 0;
        foreach (var probes in _probeSets) found += _index.FindAny(probes).Count;
        return found;
    }

    private void PrintLatency()
    {
        var random = new Random(3);
        var times = new double[10_000];
        for (var i = 0; i < 200; i++) _index.Find(_queries[i % Lookups]);
        for (var i = 0; i < times.Length; i++)
        {
            var query = _queries[random.Next(Lookups)];
            var start = Stopwatch.GetTimestamp();
            _index.Find(query);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"// reuse-index: {Entries:N0} entries, 10,000 single Find calls: p50 {times[5000]:F3} ms, p99 {times[9900]:F3} ms, max {times[^1]:F3} ms");
    }

    private static PerceptualHash Random128(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    private static ulong Flip(ulong value, int bits, Random random)
    {
        var flipped = value;
        while (BitOperations.PopCount(flipped ^ value) < bits) flipped ^= 1UL << random.Next(64);
        return flipped;
    }
}
