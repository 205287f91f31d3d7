using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Webhooks;

/// <summary>Sends due webhook deliveries: <see cref="WebhookOptions.Senders"/> loops, each leasing one delivery
/// at a time, POSTing it signed and recording the outcome. Runs only where the job workers run.</summary>
public sealed partial class WebhookSender(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, IOptions<WorkerOptions> workers, TimeProvider time, ILogger<WebhookSender> logger)
    : BackgroundService
{
    public const string HttpClientName = "ClaimLens.Webhooks";

    /// <summary>Attempts every delivery due now, until none is; for tests and the demo. Returns how many attempts ran.</summary>
    public static async Task<int> DrainAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var ran = 0;
        while (true)
        {
            using var scope = services.CreateScope();
            if (!await RunOneAsync(scope.ServiceProvider, cancellationToken))
                return ran;
            ran++;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (workers.Value.Count == 0)
            return Task.CompletedTask;
        var loops = Enumerable.Range(0, options.Value.Senders).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ran;
            try
            {
                using var scope = scopes.CreateScope();
                ran = await RunOneAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away: wait and try again; a leased row becomes due again by itself.
                LogLoopError(logger, e);
                ran = false;
            }
            if (!ran)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<bool> RunOneAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<WebhookQueue>();
        await queue.ReapAsync(cancellationToken);
        var delivery = await queue.TryLeaseAsync(cancellationToken);
        if (delivery is null)
            return false;
        var db = services.GetRequiredService<ClaimLensDbContext>();
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (!subscription.Active)
        {
            await queue.FailPendingOfDeletedAsync(cancellationToken);
            return true;
        }
        string secret;
        try
        {
            secret = services.GetRequiredService<PersonalData>().Unprotect(subscription.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            // Sending unsigned is not an option; the attempt fails with the reason an operator can act on.
            await queue.RecordAsync(delivery, null, "the subscription's secret cannot be read: its data-protection key is not configured", cancellationToken);
            return true;
        }
        var (status, error) = await PostAsync(services, subscription.Url, delivery, secret, cancellationToken);
        await queue.RecordAsync(delivery, status, error, cancellationToken);
        return true;
    }

    private static async Task<(int? Status, string? Error)> PostAsync(
        IServiceProvider services, string url, WebhookDelivery delivery, string secret, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout;
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ClaimLens-Event", delivery.EventType);
        request.Headers.Add("X-ClaimLens-Delivery", delivery.Id.ToString());
        request.Headers.Add("X-ClaimLens-Timestamp", timestamp);
        request.Headers.Add("X-ClaimLens-Signature", WebhookSignature.Sign(secret, timestamp, delivery.PayloadJson));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ClaimLens-Webhooks", "1"));
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // Only the status matters; the receiver's body is never read.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300
                ? (code, null)
                : (code, $"the receiver answered {code} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook sender stopped on an error; it tries again")]
    private static partial void LogLoopError(ILogger logger, Exception error);
}
