using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Webhooks;

/// <summary>Which URLs a webhook may target. Checked twice: on the URL when a subscription is made, and on every
/// address the host name resolves to when a delivery connects, so a name that later resolves to a private
/// address (DNS rebinding) still cannot reach the desk's own network.</summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public const int MaxUrlLength = 500;

    public bool AllowLoopback { get; } = options.Value.AllowLoopback
        ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    public bool AllowPrivateNetworks { get; } = options.Value.AllowPrivateNetworks;

    /// <summary>Returns why <paramref name="url"/> is refused, or null when it may be used.</summary>
    public string? Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxUrlLength)
            return $"url is longer than {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "url must be an absolute https URL such as https://erp.example.com/claimlens";
        if (uri.UserInfo.Length > 0)
            return "url must not carry a user name or password (the signature authenticates the desk)";
        if (uri.IsLoopback && !AllowLoopback)
            return "url must not point at the desk's own machine";
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            return "url must use https (plain http is accepted only for localhost in development)";
        if (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !IsAllowed(address))
            return "url must not point at a private, link-local or reserved network address";
        return null;
    }

    /// <summary>True when a delivery may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return AllowLoopback;
        return AllowPrivateNetworks || IsPublic(address);
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }
        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or >= 224                      // "this" network, private, multicast and reserved
            || (b[0] == 100 && b[1] >= 64 && b[1] < 128)        // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)                     // link-local, cloud metadata services
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && b[1] is 18 or 19));              // benchmarking
    }
}
