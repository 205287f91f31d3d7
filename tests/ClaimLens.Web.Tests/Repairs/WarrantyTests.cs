using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Warranty windows with the fake clock, on SQLite and PostgreSQL (default 90 days).</summary>
public sealed class WarrantyTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task SameDeviceAndFault_InsideWarranty_LinksToTheFirstJob_IsFree_AndCountsAgainstItsTechnician(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var technician = await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405));
        var first = await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest()));
        var firstId = first.GetProperty("id").GetGuid();
        Assert.Equal(desk.Clock.GetUtcNow().AddDays(90), first.GetProperty("warrantyUntil").GetDateTimeOffset());
        Assert.False(first.GetProperty("free").GetBoolean());

        desk.Clock.Advance(TimeSpan.FromDays(89));
        var again = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest());
        Assert.Equal(firstId, again.GetProperty("warrantyOfRequestId").GetGuid());
        Assert.True(again.GetProperty("free").GetBoolean());

        // Same device, another fault: a new paid job.
        var otherFault = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(faultType: "motor"));
        Assert.Equal(JsonValueKind.Null, otherFault.GetProperty("warrantyOfRequestId").ValueKind);
        Assert.False(otherFault.GetProperty("free").GetBoolean());

        var counts = await desk.WithDbAsync(db => db.Technicians.AsNoTracking().SingleAsync(t => t.Id == technician));
        Assert.Equal((1, 1), (counts.CompletedJobs, counts.ReRepairs));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AfterExpiry_OrAnotherDevice_TheRequestIsNotLinked_AndWithoutSerialTheDeviceIsPhoneAndAddress(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        await tenant.CreateTechnicianAsync(RepairApi.Technician("修 Fixer", [RepairApi.Town], 39.915, 116.405, capacity: 10));
        var withSerial = await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest()));
        var noSerial = await tenant.CompleteAsync(await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(serial: null, phone: "13900001111")));

        desk.Clock.Advance(TimeSpan.FromDays(30));
        var sameHome = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(serial: null, phone: "13900001111"));
        Assert.Equal(noSerial.GetProperty("id").GetGuid(), sameHome.GetProperty("warrantyOfRequestId").GetGuid());
        var otherHome = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest(serial: null, phone: "13900002222"));
        Assert.Equal(JsonValueKind.Null, otherHome.GetProperty("warrantyOfRequestId").ValueKind);

        desk.Clock.Advance(TimeSpan.FromDays(60) + TimeSpan.FromMinutes(1));
        var late = await tenant.CreateRequestAsync(AfterCareApi.DeviceRequest());
        Assert.Equal(JsonValueKind.Null, late.GetProperty("warrantyOfRequestId").ValueKind);
        Assert.False(late.GetProperty("free").GetBoolean());
        Assert.NotEqual(withSerial.GetProperty("id").GetGuid(), late.GetProperty("id").GetGuid());
    }
}
