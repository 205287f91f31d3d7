using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>One tenant's technicians as flat arrays indexed by slot, with the lists dispatch reads: technicians by
/// (region, skill) and by region. Built from the database by <see cref="DispatchIndex"/>; only loads and positions
/// change in place between rebuilds.</summary>
public sealed class TechnicianPool
{
    private static readonly int[] None = [];
    private readonly Dictionary<long, int[]> _byRegionSkill;
    private readonly int[]?[] _byRegion;
    private readonly Dictionary<string, int> _skills;
    private readonly ShiftSpan[][] _shifts;
    private readonly int[] _load;
    private readonly double[] _latitude;
    private readonly double[] _longitude;
    private readonly Dictionary<Guid, int> _slots;

    private TechnicianPool(RegionIndex regions, TimeZoneInfo zone, IReadOnlyList<Technician> technicians, IReadOnlyDictionary<Guid, int> loads)
    {
        Regions = regions;
        Zone = zone;
        var n = technicians.Count;
        Ids = new Guid[n];
        Capacity = new int[n];
        Rating = new double[n];
        ReRepairRate = new double[n];
        _load = new int[n];
        _latitude = new double[n];
        _longitude = new double[n];
        _shifts = new ShiftSpan[n][];
        _slots = new Dictionary<Guid, int>(n);
        _skills = new Dictionary<string, int>(StringComparer.Ordinal);
        _byRegion = new int[]?[regions.Count];
        var byRegionSkill = new Dictionary<long, List<int>>();
        var byRegion = new Dictionary<int, List<int>>();
        for (var slot = 0; slot < n; slot++)
        {
            var t = technicians[slot];
            Ids[slot] = t.Id;
            _slots[t.Id] = slot;
            Capacity[slot] = t.Capacity;
            Rating[slot] = t.Rating;
            // Few completed jobs say little: below 10 the rate is taken over 10, so one early come-back is not 100%.
            ReRepairRate[slot] = (double)t.ReRepairs / Math.Max(t.CompletedJobs, 10);
            _load[slot] = loads.GetValueOrDefault(t.Id);
            _latitude[slot] = t.Latitude ?? double.NaN;
            _longitude[slot] = t.Longitude ?? double.NaN;
            _shifts[slot] = [.. t.Shifts.Select(s => new ShiftSpan(s.Day, Minutes(s.Start), Minutes(s.End)))];
            var skills = t.Skills.Select(s => SkillOf(s.Brand, s.ProductType, add: true)).Distinct().ToList();
            foreach (var code in t.Regions.Distinct(StringComparer.Ordinal))
            {
                if (!regions.TryFind(code, out var region))
                    continue;
                Add(byRegion, region, slot);
                foreach (var skill in skills)
                    Add(byRegionSkill, Key(region, skill), slot);
            }
        }
        _byRegionSkill = byRegionSkill.ToDictionary(e => e.Key, e => e.Value.ToArray());
        foreach (var (region, slots) in byRegion)
            _byRegion[region] = [.. slots];
    }

    public RegionIndex Regions { get; }

    /// <summary>The tenant's time zone, which shifts are written in.</summary>
    public TimeZoneInfo Zone { get; }

    public int Count => Ids.Length;

    internal Guid[] Ids { get; }

    internal int[] Capacity { get; }

    internal double[] Rating { get; }

    internal double[] ReRepairRate { get; }

    public static TechnicianPool Build(RegionIndex regions, TimeZoneInfo zone, IReadOnlyList<Technician> technicians, IReadOnlyDictionary<Guid, int> loads)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(technicians);
        ArgumentNullException.ThrowIfNull(loads);
        return new TechnicianPool(regions, zone, technicians, loads);
    }

    public bool TryFindSlot(Guid technician, out int slot) => _slots.TryGetValue(technician, out slot);

    public Guid IdOf(int slot) => Ids[slot];

    public int LoadOf(int slot) => Volatile.Read(ref _load[slot]);

    public void SetLoad(int slot, int load) => Volatile.Write(ref _load[slot], load);

    public (double Latitude, double Longitude) PositionOf(int slot) => (Volatile.Read(ref _latitude[slot]), Volatile.Read(ref _longitude[slot]));

    public void SetPosition(int slot, double latitude, double longitude)
    {
        // Two writes, not atomic together: a reader may see one old coordinate for one decision, which ranks no worse than a stale position.
        Volatile.Write(ref _latitude[slot], latitude);
        Volatile.Write(ref _longitude[slot], longitude);
    }

    /// <summary>The skill's number in this pool; -1 when no technician has it.</summary>
    public int SkillId(string brand, string productType) => SkillOf(brand, productType, add: false);

    /// <summary>Technicians listing exactly <paramref name="region"/> among their regions and having the skill.</summary>
    public ReadOnlySpan<int> Covering(int region, int skill) =>
        skill >= 0 && _byRegionSkill.TryGetValue(Key(region, skill), out var slots) ? slots : None;

    /// <summary>Who covers a town: those listing the town, else those listing its county, else its city (any skill).</summary>
    public (RegionLevel Level, int[] Technicians) CoverageOf(int town)
    {
        for (var at = town; at >= 0 && Regions.Level(at) >= RegionLevel.City; at = Regions.Parent(at))
        {
            if (_byRegion[at] is { } slots)
                return (Regions.Level(at), slots);
        }
        return (RegionLevel.Province, None);
    }

    public bool OnShift(int slot, DayOfWeek day, int minuteOfDay)
    {
        foreach (var s in _shifts[slot])
        {
            if (s.Day == day && minuteOfDay >= s.Start && minuteOfDay < s.End)
                return true;
        }
        return false;
    }

    private static long Key(int region, int skill) => ((long)region << 32) | (uint)skill;

    private static int Minutes(TimeOnly t) => t.Hour * 60 + t.Minute;

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int slot)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        if (list.Count == 0 || list[^1] != slot)
            list.Add(slot);
    }

    private int SkillOf(string brand, string productType, bool add)
    {
        var key = string.Concat(brand.Trim().ToUpperInvariant(), "\u001f", productType.Trim().ToUpperInvariant());
        if (_skills.TryGetValue(key, out var id))
            return id;
        if (!add)
            return -1;
        _skills[key] = id = _skills.Count;
        return id;
    }

    private readonly record struct ShiftSpan(DayOfWeek Day, int Start, int End);
}
