using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;

namespace ClaimLens.Web.Pages.Technician;

/// <summary>What the technician's pages show alike.</summary>
public static class TechnicianPages
{
    /// <summary>County and town (区县 + 街道), which is all a technician sees before accepting.</summary>
    public static string Place(RegionIndex regions, ServiceRequest r)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(r);
        string Named(string code) => regions.TryFind(code, out var id) ? regions.Name(id) : code;
        return Named(r.CountyCode) + Named(r.TownCode);
    }

    /// <summary>Province to town, for the map search once the street is revealed.</summary>
    public static string Regions(RegionIndex regions, ServiceRequest r)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(r);
        string Named(string code) => regions.TryFind(code, out var id) ? regions.Name(id) : code;
        return string.Concat(Named(r.ProvinceCode), Named(r.CityCode), Named(r.CountyCode), Named(r.TownCode));
    }
}
