namespace ClaimLens.Web.Regions;

/// <summary>A region with its parent chain (province first) and its children, for address pickers.</summary>
public sealed record RegionDto(string Code, string Name, string Level, IReadOnlyList<RegionRef> Chain, IReadOnlyList<RegionRef> Children)
{
    public static RegionDto From(RegionIndex regions, int id)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var chain = regions.Chain(id).Select(i => RegionRef.From(regions, i)).ToList();
        var children = new List<RegionRef>();
        foreach (var child in regions.Children(id))
            children.Add(RegionRef.From(regions, child));
        return new RegionDto(regions.Code(id), regions.Name(id), regions.Level(id).ToString().ToLowerInvariant(), chain, children);
    }
}
