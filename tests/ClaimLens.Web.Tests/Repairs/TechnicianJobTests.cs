using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The technician's job through the API as their phone calls it: isolation between technicians, offers that
/// ran out, the parts catalogue, what completing needs.</summary>
public sealed class TechnicianJobTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Technician_SeesOnlyTheirJobs_AndCannotCallMerchantEndpoints(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var mine = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        var other = await tenant.CreateTechnicianAsync(RepairApi.Technician("李师傅", [RepairApi.Town], brand: "凯迪仕"));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var me = await desk.TechnicianClientAsync(tenant, mine);
        using var them = await desk.TechnicianClientAsync(tenant, other);

        // Another technician's job is absent for them, whatever they try.
        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"/api/v1/repairs/requests/{id}/work")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"/api/v1/repairs/requests/{id}/photos")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { technicianId = mine })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"/technician/jobs/{id}")).StatusCode);
        // Merchant endpoints are forbidden to a technician's sign-in.
        Assert.Equal(HttpStatusCode.Forbidden, (await them.GetAsync($"/api/v1/repairs/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.PostAsJsonAsync("/api/v1/repairs/parts", new { code = "X", name = "x", priceFen = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.PostAsJsonAsync("/api/v1/repairs/technicians", RepairApi.Technician("x", [RepairApi.Town]))).StatusCode);

        // Their job list names the job (no customer data in it); the other technician's is empty; it is not for merchant keys.
        var myJobs = await me.GetFromJsonAsync<JsonElement>("/api/v1/repairs/jobs");
        Assert.Equal(id, myJobs[0].GetProperty("id").GetGuid());
        Assert.Equal("assigned", myJobs[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, myJobs[0].GetProperty("offerExpiresAt").ValueKind);
        Assert.DoesNotContain(RepairApi.CustomerName, myJobs.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await them.GetFromJsonAsync<JsonElement>("/api/v1/repairs/jobs")).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/api/v1/repairs/jobs")).StatusCode);

        // The technician is the sign-in's, never the body's: naming the other technician changes nothing.
        var accepted = await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { technicianId = other });
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(mine, body.GetProperty("technicianId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await me.MoveAsync(id, "cancel")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.MoveAsync(id, "depart", other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.MoveAsync(id, "depart", other)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task AcceptingAJobNoLongerOffered_Is409_AndNothingChanges(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var me = await desk.TechnicianClientAsync(tenant, tech);

        // Tried: accepting after the offer ran out (the watcher has not passed it on yet), and after declining.
        desk.Clock.Advance(TimeSpan.FromMinutes(6));
        var before = await AuditCountAsync(desk);
        var late = await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("ran out", (await late.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("assigned", (await tenant.GetRequestAsync(id)).GetProperty("status").GetString());
        Assert.Equal(before, await AuditCountAsync(desk));

        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/decline", new { note = "太远" })).StatusCode);
        var declined = await tenant.GetRequestAsync(id);
        before = await AuditCountAsync(desk);
        Assert.Equal(HttpStatusCode.Conflict, (await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { })).StatusCode);
        var after = await tenant.GetRequestAsync(id);
        Assert.Equal(declined.GetProperty("status").GetString(), after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("technicianId").ValueKind);
        Assert.Equal(before, await AuditCountAsync(desk));
        // Their page still opens (it was offered to them) and says there is nothing left to do.
        Assert.Contains("这单已不再派给您", await me.GetStringAsync($"/technician/jobs/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PartsUsed_AreCheckedAgainstTheCatalogue(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var other = desk.ClientFor(desk.MerchantB.Key);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/api/v1/repairs/parts",
            new { code = "DSM-MOTOR", name = "电机组件 Motor", brands = new[] { "德施曼" }, priceFen = 12900 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/api/v1/repairs/parts",
            new { code = "KDS-PANEL", name = "面板 Panel", brands = new[] { "凯迪仕" }, priceFen = 25000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/v1/repairs/parts",
            new { code = "B-ONLY", name = "other tenant's part", priceFen = 100 })).StatusCode);
        var badPart = await tenant.PostAsJsonAsync("/api/v1/repairs/parts", new { code = "bad code!", name = "", priceFen = -1 });
        var partErrors = (await badPart.ProblemAsync()).GetProperty("errors");
        Assert.True(partErrors.TryGetProperty("code", out _) && partErrors.TryGetProperty("name", out _) && partErrors.TryGetProperty("priceFen", out _), partErrors.ToString());

        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var me = await desk.TechnicianClientAsync(tenant, tech);
        Assert.Equal(HttpStatusCode.Conflict, (await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/work", new { note = "还没接单" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { })).StatusCode);

        // Tried: an unknown code, another tenant's part, a part for another brand, quantity 0.
        var bad = await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/work", new
        {
            parts = new object[] { new { code = "NOPE", quantity = 1 }, new { code = "B-ONLY", quantity = 1 }, new { code = "KDS-PANEL", quantity = 1 }, new { code = "DSM-MOTOR", quantity = 0 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "parts[0].code", "parts[1].code", "parts[2].code", "parts[3].quantity" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        Assert.Equal(0, (await me.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{id}/work")).GetProperty("parts").GetArrayLength());

        var good = await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/work",
            new { note = "更换电机，测试开锁 20 次正常", parts = new[] { new { code = "DSM-MOTOR", quantity = 2 } } });
        Assert.True(good.StatusCode == HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        var work = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(25800, work.GetProperty("partsTotalFen").GetInt64());
        var timeline = await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{id}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "visit_note"
            && e.GetProperty("text").GetString() == "更换电机，测试开锁 20 次正常");
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Completing_NeedsAnAfterPhotoAndTheSignature(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var me = await desk.TechnicianClientAsync(tenant, tech);
        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.MoveAsync(id, "depart")).StatusCode);
        var arrived = await me.PostAsJsonAsync($"/api/v1/repairs/requests/{id}/moves", new { move = "arrive", latitude = 39.914, longitude = 116.404 });
        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode);

        var bare = await me.MoveAsync(id, "complete");
        Assert.Equal(HttpStatusCode.Conflict, bare.StatusCode);
        var detail = (await bare.ProblemAsync()).GetProperty("detail").GetString();
        Assert.Contains("after photo", detail, StringComparison.Ordinal);
        Assert.Contains("signature", detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await me.UploadPhotoAsync(id, "before", TestPhotos.Unrelated(11))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await me.UploadPhotoAsync(id, "after", TestPhotos.Unrelated(12))).StatusCode);
        var unsigned = await me.MoveAsync(id, "complete");
        Assert.Equal(HttpStatusCode.Conflict, unsigned.StatusCode);
        Assert.DoesNotContain("after photo", (await unsigned.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Tried as signatures: a JPEG, a truncated PNG, an empty file.
        var signature = TechnicianApi.Signature();
        foreach (var bad in new[] { TestPhotos.Unrelated(13), signature[..(signature.Length / 2)], Array.Empty<byte>() })
        {
            var refused = await me.SignAsync(id, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("signature", out _));
        }
        Assert.Equal("on_site", (await tenant.GetRequestAsync(id)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await me.SignAsync(id, signature)).StatusCode);
        var done = await me.MoveAsync(id, "complete");
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        var work = await tenant.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/requests/{id}/work");
        Assert.True(work.GetProperty("signed").GetBoolean());
        Assert.Equal(39.914, work.GetProperty("arrivedLatitude").GetDouble(), 3);
        Assert.Equal(JsonValueKind.String, work.GetProperty("arrivedAt").ValueKind);
        Assert.True((await desk.WithDbAsync(db => ClaimLens.Web.Audit.AuditChain.VerifyAsync(db, CancellationToken.None))).Intact);
    }

    private static Task<int> AuditCountAsync(DeskHost desk) => desk.WithDbAsync(db => db.AuditEntries.CountAsync());
}
