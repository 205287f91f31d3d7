namespace ClaimLens.Web.Regions;

public sealed record RegionRef(string Code, string Name)
{
    public static RegionRef From(RegionIndex regions, int id)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return new RegionRef(regions.Code(id), regions.Name(id));
    }
}
