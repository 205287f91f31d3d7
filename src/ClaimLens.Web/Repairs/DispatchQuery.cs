namespace ClaimLens.Web.Repairs;

/// <summary>What dispatch needs of a request, resolved against one pool: region ids, skill id, position (NaN when unknown).</summary>
public readonly record struct DispatchQuery(int Town, int County, int City, int Skill, double Latitude, double Longitude)
{
    /// <summary>Resolves a request's codes; null when its town is not in the region data.</summary>
    public static DispatchQuery? For(TechnicianPool pool, ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(request);
        if (!pool.Regions.TryFind(request.TownCode, out var town))
            return null;
        var county = pool.Regions.Ancestor(town, Regions.RegionLevel.County);
        var city = pool.Regions.Ancestor(town, Regions.RegionLevel.City);
        return new DispatchQuery(town, county, city, pool.SkillId(request.Brand, request.ProductType),
            request.Latitude ?? double.NaN, request.Longitude ?? double.NaN);
    }
}
