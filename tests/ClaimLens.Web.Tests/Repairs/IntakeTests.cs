using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>Intake validation, masked phones, the audited reveal and lookup by phone, on SQLite and PostgreSQL.</summary>
public sealed class IntakeTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CreateRequest_WithEveryFieldWrong_NamesEachBadField_AndStoresNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Tried: no brand, an unknown town code, a county that is not the town's, a 10-digit phone, an unknown channel,
        // a window ending before it starts, a latitude of 91.
        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/requests", new
        {
            brand = "",
            productType = "smart_lock",
            fault = "坏了",
            address = new { townCode = "999999999", street = "x" },
            name = "李四",
            phone = "1381234567",
            channel = "fax",
            preferredWindows = new[] { new { from = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), to = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero) } },
            latitude = 91.0,
            longitude = 116.0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "brand", "address.townCode", "phone", "channel", "preferredWindows[0]", "latitude" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.DoesNotContain("1381234567", errors.ToString(), StringComparison.Ordinal);

        var mismatch = await tenant.PostAsJsonAsync("/api/v1/repairs/requests", new
        {
            brand = "德施曼", productType = "smart_lock", fault = "坏了", name = "李四", phone = RepairApi.Phone, channel = "online",
            address = new { provinceCode = "44", cityCode = RepairApi.City, countyCode = "110102", townCode = RepairApi.Town, street = "x" },
        });
        var mismatchErrors = (await mismatch.ProblemAsync()).GetProperty("errors");
        Assert.True(mismatchErrors.TryGetProperty("address.countyCode", out _));
        Assert.True(mismatchErrors.TryGetProperty("address.provinceCode", out _));
        Assert.False(mismatchErrors.TryGetProperty("address.cityCode", out _));
        Assert.Equal(0, await desk.WithDbAsync(db => db.ServiceRequests.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task CreateTechnician_WithOverlappingShiftsAndUnknownRegions_NamesEach_AndStoresNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        // Tried: an unknown region code, a province as coverage, two overlapping Monday shifts, one ending before it
        // starts, a malformed time, capacity 0, no skills.
        var response = await tenant.PostAsJsonAsync("/api/v1/repairs/technicians", new
        {
            name = "赵师傅",
            skills = Array.Empty<object>(),
            regions = new[] { RepairApi.Town, "12345", RepairApi.Province },
            shifts = new object[]
            {
                new { day = "mon", start = "09:00", end = "13:00" },
                new { day = "mon", start = "12:00", end = "18:00" },
                new { day = "tue", start = "18:00", end = "09:00" },
                new { day = "wed", start = "9am", end = "18:00" },
            },
            capacity = 0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "skills", "regions[1]", "regions[2]", "shifts[1]", "shifts[2]", "shifts[3].start", "capacity" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.Contains("overlaps shifts[0] on mon", errors.GetProperty("shifts[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("regions[0]", out _));
        Assert.Equal(0, await desk.WithDbAsync(db => db.Technicians.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Phone_IsMasked_RevealIsAuditedWithWhoAndWhy_AndLookupByPhoneFindsOnlyTheTenantsRequests(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var other = desk.ClientFor(desk.MerchantB.Key);
        var id = (await tenant.CreateRequestAsync(RepairApi.Request(phone: "+86 138-1234-5678"))).GetProperty("id").GetGuid();
        await other.CreateRequestAsync(RepairApi.Request());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/repairs/requests/{id}")).StatusCode);

        var read = await tenant.GetRequestAsync(id);
        Assert.Equal("138****5678", read.GetProperty("phone").GetString());
        Assert.Equal(RepairApi.CustomerName, read.GetProperty("name").GetString());
        Assert.Equal("北京市市辖区东城区东华门街道", read.GetProperty("address").GetProperty("regions").GetString());

        var found = await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests?phone=13812345678");
        Assert.Equal(id, Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement>("/api/v1/repairs/requests?phone=13900000000")).EnumerateArray());

        var noReason = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/phone-reveal", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var revealed = await tenant.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/phone-reveal", new { reason = "回访客户 call back about the visit" });
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("13812345678", (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());

        var entries = await desk.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "repair.phone_revealed").ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(id.ToString(), entry.SubjectId);
        Assert.StartsWith("key:", entry.Actor, StringComparison.Ordinal);
        Assert.Contains("call back about the visit", entry.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", entry.Data, StringComparison.Ordinal);
        var audit = await desk.ClientFor(desk.AdminKey).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());
    }
}
