using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The ranking on an in-memory pool, without a database.</summary>
public sealed class DispatchRankingTests
{
    // Friday 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Rank_PrefersTheCloser_UnlessLoadOrReRepairsOutweighTheDistance()
    {
        var near = Tech(39.915, 116.405);
        var far = Tech(39.95, 116.45);
        var pool = Pool([near, far], new() { [near.Id] = 0 });
        var query = DispatchQuery.For(pool, Request())!.Value;
        var weights = new DispatchWeights();
        Assert.Equal(near.Id, pool.IdOf(DispatchRanking.Best(pool, query, weights, Now)!.Value.Slot));

        // Two of three jobs held and one come-back in ten jobs cost more than the ~15 extra minutes of driving.
        near.CompletedJobs = 10;
        near.ReRepairs = 1;
        pool = Pool([near, far], new() { [near.Id] = 2 });
        var ranked = DispatchRanking.Rank(pool, query, weights, Now, null, 5);
        Assert.Equal([far.Id, near.Id], ranked.Select(c => pool.IdOf(c.Slot)));
        Assert.True(ranked[0].TravelMinutes > ranked[1].TravelMinutes);
    }

    [Fact]
    public void Rank_WithoutPositions_UsesTheAssumedTravel_AndExcludedTechniciansAreSkipped()
    {
        var a = Tech(null, null, rating: 5);
        var b = Tech(null, null, rating: 3);
        var pool = Pool([a, b], []);
        var query = DispatchQuery.For(pool, Request())!.Value;
        var best = DispatchRanking.Best(pool, query, new DispatchWeights(), Now)!.Value;
        Assert.Equal(a.Id, pool.IdOf(best.Slot));
        Assert.Equal(40, best.TravelMinutes);
        Assert.Equal(b.Id, pool.IdOf(DispatchRanking.Best(pool, query, new DispatchWeights(), Now, new HashSet<Guid> { a.Id })!.Value.Slot));
        Assert.Null(DispatchRanking.Best(pool, query, new DispatchWeights(), Now, new HashSet<Guid> { a.Id, b.Id }));
    }

    [Fact]
    public void Rank_OnlyOutsideEveryShift_OrForAnUnknownSkill_FindsNobody()
    {
        var pool = Pool([Tech(39.9, 116.4)], []);
        var query = DispatchQuery.For(pool, Request())!.Value;
        Assert.Null(DispatchRanking.Best(pool, query, new DispatchWeights(), Now.AddHours(12)));
        var unknownSkill = DispatchQuery.For(pool, Request(productType: "safe"))!.Value;
        Assert.Equal(-1, unknownSkill.Skill);
        Assert.Null(DispatchRanking.Best(pool, unknownSkill, new DispatchWeights(), Now));
    }

    [Fact]
    public void Fire_RefusesMovesTheStatusDoesNotAllow_AndLeavesTheRequestAsItWas()
    {
        var request = Request();
        request.Status = RepairStatus.Requested;
        var e = Assert.Throws<DeskProblemException>(() => RepairStateMachine.Fire(request, RepairTrigger.Accept, Now));
        Assert.Equal(409, e.StatusCode);
        Assert.Equal(RepairStatus.Requested, request.Status);
        Assert.Equal(0, request.Version);
        Assert.Equal(RepairStatus.Requested, RepairStateMachine.Fire(request, RepairTrigger.Offer, Now));
        Assert.Equal(RepairStatus.Assigned, request.Status);
        Assert.False(RepairStateMachine.CanFire(RepairStatus.Completed, RepairTrigger.Cancel));
        Assert.False(RepairStateMachine.CanFire(RepairStatus.OnSite, RepairTrigger.Override));
    }

    private static Technician Tech(double? lat, double? lon, double rating = 4.5) => new()
    {
        Id = Guid.NewGuid(), Name = "t", Capacity = 3, Rating = rating, Latitude = lat, Longitude = lon,
        Skills = [new TechnicianSkill { Brand = "德施曼", ProductType = "smart_lock" }],
        Regions = ["110101001"],
        Shifts = [new Shift { Day = DayOfWeek.Friday, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) }],
    };

    private static TechnicianPool Pool(List<Technician> technicians, Dictionary<Guid, int> loads) =>
        TechnicianPool.Build(RegionIndex.Shared, Shanghai, technicians, loads);

    private static ServiceRequest Request(string productType = "smart_lock") => new()
    {
        Brand = "德施曼", ProductType = productType, Fault = "f", ProvinceCode = "11", CityCode = "1101", CountyCode = "110101", TownCode = "110101001",
        StreetProtected = "", NameProtected = "", PhoneProtected = "", PhoneIndex = "", Latitude = 39.914, Longitude = 116.404,
    };
}
