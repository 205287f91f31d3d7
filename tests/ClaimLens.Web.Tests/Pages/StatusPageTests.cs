using System.Net;
using ClaimLens.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimLens.Web.Tests.Pages;

/// <summary>People who follow a dead link get a page in their language; programs still get problem details.</summary>
public sealed class StatusPageTests
{
    [Fact]
    public async Task UnknownPage_GetsAChinesePageByDefault_AndEnglishByChoice()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        using var browser = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var zh = await browser.GetAsync("/no/such/page");
        var en = await browser.GetAsync("/no/such/page?culture=en");

        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Contains("页面不存在", await zh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Contains("Page not found", await en.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_GetsProblemDetails_NotAPage()
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        using var client = desk.ClientFor(desk.AdminKey);

        var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().GetAsync("/api/v1/review-queue")).StatusCode);
    }
}
