using System.Net;
using ClaimLens.Web.Repairs.Work;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.MerchantConsole;
using ClaimLens.Web.Tests.Review;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>The technician's phone pages and the intake forms' photos, as a browser posts them.</summary>
public sealed class TechnicianPagesTests
{
    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task JobPage_ShowsTownAndMaskedPhoneUntilAccepted_ThenTheStreet_AuditedOnce(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        var tenant = desk.ClientFor(desk.MerchantA.Key);
        var tech = await tenant.CreateTechnicianAsync(RepairApi.Technician("张师傅", [RepairApi.Town]));
        var id = (await tenant.CreateRequestAsync(RepairApi.Request())).GetProperty("id").GetGuid();
        using var me = await desk.TechnicianClientAsync(tenant, tech);
        var page = $"/technician/jobs/{id}";

        var list = await me.GetStringAsync("/technician");
        Assert.Contains(page, list, StringComparison.Ordinal);
        Assert.Contains("可接单", list, StringComparison.Ordinal);
        var offered = await me.GetStringAsync(page);
        Assert.Contains("东华门街道", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("东华门大街88号", offered, StringComparison.Ordinal);
        Assert.Contains("138****5678", offered, StringComparison.Ordinal);
        Assert.Equal(0, await RevealsAsync(desk));

        var accepted = await me.PostFormAsync(page + "?handler=accept", DeskPages.Token(offered, page));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var held = await me.GetStringAsync(page);
        Assert.Contains("东华门大街88号", held, StringComparison.Ordinal);
        Assert.Contains("uri.amap.com/search?keyword=", held, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", held, StringComparison.Ordinal);
        await me.GetStringAsync(page);
        Assert.Equal(1, await RevealsAsync(desk));

        // The call button reveals the number through the audited reveal.
        var called = await me.PostFormAsync(page + "?handler=call", DeskPages.Token(held, page));
        Assert.Contains("tel:13812345678", await called.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "repair.phone_revealed")));

        // A step the state machine refuses is said in words on the page, and changes nothing.
        var refused = await me.PostFormAsync(page + "?handler=move&move=complete", DeskPages.Token(held, page));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("accepted", (await tenant.GetRequestAsync(id)).GetProperty("status").GetString());
        Assert.True((await desk.WithDbAsync(db => ClaimLens.Web.Audit.AuditChain.VerifyAsync(db, CancellationToken.None))).Intact);
    }

    [Theory]
    [MemberData(nameof(DeskHost.Providers), MemberType = typeof(DeskHost))]
    public async Task PublicRequest_WithAPhoto_AddsAnIntakePhoto_AndABrokenPhotoFilesNothing(string provider)
    {
        await using var desk = await DeskHost.StartAsync(provider);
        await desk.ClientFor(desk.MerchantA.Key).CreateTechnicianAsync(RepairApi.Technician("师傅", [RepairApi.Town]));
        using var customer = new PageSession(desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = $"/service/{desk.MerchantA.MerchantId}/request";

        // Tried: a JPEG with broken Huffman tables; nothing is filed.
        var broken = await customer.PostMultipartAsync(page, page, Form(TechnicianApi.CorruptJpeg()));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("Photos-error", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await desk.WithDbAsync(db => db.ServiceRequests.CountAsync()));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(desk.MediaRoot, "staging")));

        var filed = await customer.PostMultipartAsync(page, page, Form(TestPhotos.Unrelated(31)));
        Assert.True(filed.StatusCode == HttpStatusCode.OK, await filed.Content.ReadAsStringAsync());
        var photo = await desk.WithDbAsync(db => db.RepairPhotos.AsNoTracking().SingleAsync());
        Assert.Equal(RepairPhotoStage.Intake, photo.Stage);
        Assert.Equal("public:online", photo.UploadedBy);
        Assert.Equal(1, await desk.DrainAsync());
        Assert.NotNull(await desk.WithDbAsync(db => db.RepairPhotos.Select(p => p.AnalyzedAt).SingleAsync()));
    }

    private static MultipartFormDataContent Form(byte[] photo)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Brand"] = "德施曼", ["ProductType"] = "smart_lock", ["Model"] = "Q5M", ["Fault"] = "指纹识别失灵",
            ["ProvinceCode"] = RepairApi.Province, ["CityCode"] = RepairApi.City, ["CountyCode"] = RepairApi.County, ["TownCode"] = RepairApi.Town,
            ["Street"] = RepairApi.Street, ["Name"] = RepairApi.CustomerName, ["Phone"] = RepairApi.Phone,
        })
            form.Add(new StringContent(value), name);
        form.Add(DeskApi.Image(photo), "Photos", "fault.jpg");
        return form;
    }

    private static Task<int> RevealsAsync(DeskHost desk) =>
        desk.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == JobReveals.AddressAction));
}
