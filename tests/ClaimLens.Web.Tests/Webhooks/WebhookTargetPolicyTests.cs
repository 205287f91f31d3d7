using System.Net;
using ClaimLens.Web.Webhooks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Tests.Webhooks;

public sealed class WebhookTargetPolicyTests
{
    [Theory]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("https://[::1]/hook")]
    public void Check_LoopbackInProduction_IsRefused(string url)
    {
        var policy = Policy("Production", new WebhookOptions());
        Assert.NotNull(policy.Check(url));
    }

    [Fact]
    public void Check_LoopbackInDevelopment_IsAllowed()
    {
        var policy = Policy("Development", new WebhookOptions());
        Assert.Null(policy.Check("http://localhost:5000/hook"));
        Assert.Null(policy.Check("http://127.0.0.1:5000/hook"));
    }

    [Fact]
    public void Check_PublicHttps_IsAllowed()
    {
        var policy = Policy("Production", new WebhookOptions());
        Assert.Null(policy.Check("https://erp.example.com/claimlens?tenant=7"));
        Assert.Null(policy.Check("https://203.0.113.10/hook"));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("fd12::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("127.0.0.1")]
    public void IsAllowed_NonPublicAddressInProduction_IsFalse(string address)
    {
        var policy = Policy("Production", new WebhookOptions());
        Assert.False(policy.IsAllowed(IPAddress.Parse(address)));
        Assert.True(policy.IsAllowed(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void IsAllowed_PrivateNetworksAllowedByOption_IsTrue()
    {
        var policy = Policy("Production", new WebhookOptions { AllowPrivateNetworks = true });
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.1.2.3")));
        Assert.False(policy.IsAllowed(IPAddress.Loopback));
    }

    private static WebhookTargetPolicy Policy(string environment, WebhookOptions options) =>
        new(Options.Create(options), new HostingEnvironment { EnvironmentName = environment });
}
