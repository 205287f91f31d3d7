using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Webhooks;

public static class WebhookServiceExtensions
{
    /// <summary>Options, the target policy, the queue, the sender and its HTTP client: no redirects (a redirect
    /// could lead past the target policy), no proxy, and every resolved address checked before connecting.</summary>
    public static IHostApplicationBuilder AddClaimLensWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookTargetPolicy>();
        builder.Services.AddScoped<WebhookQueue>();
        builder.Services.AddHostedService<WebhookSender>();
        // The attempt's own deadline (on the injected clock) decides; this real-time limit is only a backstop.
        builder.Services.AddHttpClient(WebhookSender.HttpClientName,
                (services, c) => c.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout + TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var policy = services.GetRequiredService<WebhookTargetPolicy>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout,
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
                };
            });
        return builder;
    }

    private static async ValueTask<Stream> ConnectAsync(WebhookTargetPolicy policy, System.Net.DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = await System.Net.Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = addresses.Where(policy.IsAllowed).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{endPoint.Host} resolves only to addresses webhooks may not reach (private, loopback or reserved)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
