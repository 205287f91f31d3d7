using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Webhooks;

/// <summary>Webhook delivery (section <c>ClaimLens:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "ClaimLens:Webhooks";

    /// <summary>Deliveries sent at once by this process. Senders run only where the job workers run
    /// (<c>ClaimLens:Workers:Count</c> &gt; 0): a web-only process sends nothing.</summary>
    [Range(0, 64)]
    public int Senders { get; set; } = 2;

    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each later wait is four times longer, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long one attempt may take, connection and answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle sender looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 100)]
    public int MaxSubscriptionsPerMerchant { get; set; } = 10;

    /// <summary>Lets URLs name this machine (http://localhost...). Unset: allowed in the Development and Testing
    /// environments only.</summary>
    public bool? AllowLoopback { get; set; }

    /// <summary>Lets URLs reach private, link-local and other non-public addresses (an on-premises ERP in the
    /// same network). Off by default: a tenant must not be able to make the desk probe its own network.</summary>
    public bool AllowPrivateNetworks { get; set; }
}
