using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The cascading address selects: each level's choices under the one chosen above, and the chosen codes. A code
/// not under its parent is dropped, so changing the province clears the city, county and town below it.</summary>
public sealed record AddressPicker(
    string? Province, string? City, string? County, string? Town,
    IReadOnlyList<RegionRef> Provinces, IReadOnlyList<RegionRef> Cities, IReadOnlyList<RegionRef> Counties, IReadOnlyList<RegionRef> Towns,
    string? Error)
{
    public static AddressPicker For(RegionIndex regions, string? province, string? city, string? county, string? town, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var provinces = regions.Provinces().Select(i => RegionRef.From(regions, i)).ToList();
        var p = Pick(regions, province, provinces);
        var cities = Children(regions, p);
        var c = Pick(regions, city, cities);
        var counties = Children(regions, c);
        var k = Pick(regions, county, counties);
        var towns = Children(regions, k);
        var t = Pick(regions, town, towns);
        return new AddressPicker(p, c, k, t, provinces, cities, counties, towns, error);
    }

    private static string? Pick(RegionIndex regions, string? code, List<RegionRef> choices) =>
        code is { Length: > 0 } && choices.Exists(r => r.Code == code) && regions.TryFind(code, out _) ? code : null;

    private static List<RegionRef> Children(RegionIndex regions, string? code)
    {
        if (code is null || !regions.TryFind(code, out var id))
            return [];
        var list = new List<RegionRef>();
        foreach (var child in regions.Children(id))
            list.Add(RegionRef.From(regions, child));
        return list;
    }
}
