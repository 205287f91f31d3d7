using System.Net;
using System.Net.Http.Json;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Authorised;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.MerchantConsole;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The repair desk's pages (public check and request, agent intake, board, request page) on SQLite and PostgreSQL.</summary>
public sealed class RepairPagesTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PublicRequest_FilesADispatchedRequest_WithCustomerDataEncrypted(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var technician = await desk.ClientFor(desk.MerchantA.Key).CreateTechnicianAsync(RepairApi.Technician("师傅", [RepairApi.Town]));
        using var customer = new PageSession(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = $"/service/{desk.MerchantA.MerchantId}/request";

        var response = await customer.PostFormAsync(page, page, CustomerForm());

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("已收到您的报修", html, StringComparison.Ordinal);
        var request = await desk.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync());
        Assert.Contains(request.Id.ToString("N")[^8..].ToUpperInvariant(), html, StringComparison.Ordinal);
        Assert.Equal(RequestChannel.Online, request.Channel);
        Assert.Equal(desk.MerchantA.MerchantId, request.MerchantId);
        Assert.Equal(RepairApi.Town, request.TownCode);
        Assert.Equal(technician, await desk.WithDbAsync(db => db.DispatchOffers.Where(o => o.RequestId == request.Id).Select(o => o.TechnicianId).SingleAsync()));
        // The stored columns as they are in the database: ciphertext, never the plain name, phone or street.
        Assert.DoesNotContain(RepairApi.Phone, request.PhoneProtected, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", request.PhoneProtected, StringComparison.Ordinal);
        Assert.DoesNotContain(RepairApi.CustomerName, request.NameProtected, StringComparison.Ordinal);
        Assert.DoesNotContain("东华门大街", request.StreetProtected, StringComparison.Ordinal);
        Assert.Single(request.PreferredWindows);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PublicRequest_BadFields_NamesEachInTheReadersLanguage_AndSavesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        using var customer = new PageSession(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = $"/service/{desk.MerchantA.MerchantId}/request";
        // Tried: no brand, a 10-digit phone, no town, no street, an empty name.
        var bad = CustomerForm();
        bad["Brand"] = "";
        bad["Phone"] = "1381234567";
        bad["TownCode"] = "";
        bad["Street"] = "";
        bad["Name"] = " ";

        var zh = await customer.PostFormAsync(page, page, new(bad));
        var en = await customer.PostFormAsync(page, page + "?culture=en", new(bad));

        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var zhHtml = await zh.Content.ReadAsStringAsync();
        foreach (var text in new[] { "请填写品牌", "11 位手机号码", "精确到乡镇", "请填写详细地址", "请填写联系人姓名" })
            Assert.Contains(text, zhHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"Phone-error\"", zhHtml, StringComparison.Ordinal);
        var enHtml = await en.Content.ReadAsStringAsync();
        foreach (var text in new[] { "Enter the brand", "11-digit mobile number", "down to the town", "Enter the street address", "contact&#x27;s name" })
            Assert.Contains(text, enHtml.Replace("contact's", "contact&#x27;s", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, await desk.WithDbAsync(db => db.ServiceRequests.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.Client.GetAsync($"/service/{Guid.NewGuid()}/request")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Pages_AnotherMerchantsRequest_AreNotFound_AlsoForPosts(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var apiA = desk.ClientFor(desk.MerchantA.Key);
        var apiB = desk.ClientFor(desk.MerchantB.Key);
        var techA = await apiA.CreateTechnicianAsync(RepairApi.Technician("A 师傅", [RepairApi.Town]));
        await apiB.CreateTechnicianAsync(RepairApi.Technician("B 师傅", [RepairApi.Town]));
        var mine = (await apiA.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        var theirs = (await apiB.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "a@repairs");

        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/repairs/requests/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync($"/repairs/requests/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await a.PostFormAsync("/repairs/intake", $"/repairs/requests/{theirs}?handler=reveal", new() { ["Reason"] = "curious" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await a.PostFormAsync("/repairs/intake", $"/repairs/requests/{theirs}?handler=timeline", new() { ["Kind"] = "visit_note", ["Text"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostFormAsync("/repairs/intake", $"/repairs/board?handler=override&id={theirs}",
            new() { ["TechnicianId"] = techA.ToString(), ["Reason"] = "take it" })).StatusCode);
        var board = await a.Client.GetStringAsync("/repairs/board?handler=list");
        Assert.DoesNotContain(theirs.ToString(), board, StringComparison.Ordinal);
        var lookup = await a.Client.GetStringAsync($"/repairs/intake?handler=lookup&phone={RepairApi.Phone}");
        Assert.Contains(mine.ToString(), lookup, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ToString(), lookup, StringComparison.Ordinal);
        Assert.Equal(0, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == theirs.ToString() && e.Actor == "user:a@repairs")));
        // A person of the service tenant needs to sign in; the public pages do not.
        using var anonymous = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/repairs/requests/{mine}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Reveal_ShowsTheNumber_AndWritesWhoAndWhyToTheAudit(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var api = desk.ClientFor(desk.MerchantA.Key);
        await api.CreateTechnicianAsync(RepairApi.Technician("师傅", [RepairApi.Town]));
        var id = (await api.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "agent@repairs");
        var page = $"/repairs/requests/{id}";
        Assert.DoesNotContain(RepairApi.Phone, await a.Client.GetStringAsync(page), StringComparison.Ordinal);

        // Tried first: no reason.
        var refused = await a.PostFormAsync(page, page + "?handler=reveal", new() { ["Reason"] = "" });
        var revealed = await a.PostFormAsync(page, page + "?handler=reveal", new() { ["Reason"] = "客户来电要求回拨" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain(RepairApi.Phone, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains(RepairApi.Phone, await revealed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audits = await desk.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "repair.phone_revealed" && e.SubjectId == id.ToString()).ToListAsync());
        var audit = Assert.Single(audits);
        Assert.Equal("user:agent@repairs", audit.Actor);
        Assert.Contains("客户来电要求回拨", System.Text.Json.JsonDocument.Parse(audit.Data).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RepairApi.Phone, audit.Data, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task Intake_FilesAnAgentRequest_AndTheTimelineTakesANote(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await desk.ClientFor(desk.MerchantA.Key).CreateTechnicianAsync(RepairApi.Technician("师傅", [RepairApi.Town]));
        using var a = await PageSession.SignInMerchantAsync(desk, desk.MerchantA.MerchantId, "agent@repairs");

        var filed = await a.PostFormAsync("/repairs/intake", "/repairs/intake", new()
        {
            ["Phone"] = "138 1234 5678", ["Name"] = RepairApi.CustomerName, ["Brand"] = "德施曼", ["ProductType"] = "smart_lock", ["Model"] = "Q5M",
            ["Fault"] = "门锁打不开", ["TownCode"] = RepairApi.Town, ["Street"] = RepairApi.Street, ["Window"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var request = await desk.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync());
        Assert.Equal(RequestChannel.Agent, request.Channel);
        Assert.Equal($"/repairs/requests/{request.Id}?filed=true", filed.Headers.Location?.OriginalString);
        var page = $"/repairs/requests/{request.Id}";
        var note = await a.PostFormAsync(page, page + "?handler=timeline", new() { ["Kind"] = "call", ["Direction"] = "outbound", ["Text"] = "已约明早上门" });
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        var html = await a.Client.GetStringAsync(page);
        Assert.Contains("已约明早上门", html, StringComparison.Ordinal);
        Assert.Contains("138****5678", html, StringComparison.Ordinal);
        Assert.Contains("报修已提交", html, StringComparison.Ordinal);
        Assert.Contains("1 条历史报修", await a.Client.GetStringAsync("/repairs/intake?handler=lookup&phone=13812345678"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PublicCheck_SaysYesWithTheTenant_OrNoWithAWarning(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var saved = await desk.ClientFor(desk.MerchantA.Key).PutAsJsonAsync("/api/v1/repairs/authorisation",
            new { brands = new[] { "德施曼" }, phones = new[] { new { number = "400-820-1234", label = "服务热线" } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var anonymous = desk.CreateClient();

        var yes = await anonymous.GetStringAsync("/service/check?phone=400%20820%201234&brand=德施曼");
        var no = await anonymous.GetStringAsync("/service/check?phone=4008889999&brand=德施曼");
        var bad = await anonymous.GetAsync("/service/check?phone=abc&brand=");

        Assert.Contains("是授权服务商", yes, StringComparison.Ordinal);
        Assert.Contains("Merchant A", yes, StringComparison.Ordinal);
        Assert.Contains("不是授权服务商", no, StringComparison.Ordinal);
        Assert.Contains("官方客服热线", no, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请输入品牌名称", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicCheck_SharesTheApisRateLimit()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var options = desk.Services.GetRequiredService<IOptions<AuthorisedCheckOptions>>().Value;
        options.PermitLimit = 3;
        options.Window = TimeSpan.FromHours(1);
        using var anonymous = desk.CreateClient();
        var codes = new List<HttpStatusCode>
        {
            (await anonymous.GetAsync("/api/v1/public/authorised?phone=4008201234&brand=yale")).StatusCode,
            (await anonymous.GetAsync("/api/v1/public/authorised?phone=4008201234&brand=yale")).StatusCode,
        };
        for (var i = 0; i < 2; i++)
            codes.Add((await anonymous.GetAsync("/service/check?phone=4008201234&brand=yale")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
    }

    /// <summary>The customer's form as the browser posts it: 东华门街道 chosen through the selects, tomorrow morning.</summary>
    private static Dictionary<string, string> CustomerForm() => new()
    {
        ["Brand"] = "德施曼", ["ProductType"] = "smart_lock", ["Model"] = "Q5M", ["Fault"] = "指纹识别失灵",
        ["ProvinceCode"] = RepairApi.Province, ["CityCode"] = RepairApi.City, ["CountyCode"] = RepairApi.County, ["TownCode"] = RepairApi.Town,
        ["Street"] = RepairApi.Street, ["Windows"] = "2026-11-21:am", ["Name"] = RepairApi.CustomerName, ["Phone"] = RepairApi.Phone,
    };
}
