namespace ClaimLens.Web.Accounts;

/// <summary>How a merchant wants its claims routed. Stored with the merchant (an owned type).</summary>
public sealed class MerchantSettings
{
    /// <summary>Time the merchant has to answer a claim before it goes to review.</summary>
    public TimeSpan ResponseWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Time a reviewer has to decide once the claim is in the queue.</summary>
    public TimeSpan ReviewWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Claims at or below this amount may be approved without anyone looking (0 turns it off).</summary>
    public decimal AutoApproveMaxAmount { get; set; } = 50m;

    /// <summary>Highest claim risk (0..100) that may still be approved automatically.</summary>
    public int AutoApproveMaxRisk { get; set; } = 20;

    /// <summary>A buyer with more forged-evidence rejections than this in 90 days is never auto-approved.</summary>
    public int AutoApproveMaxForgedRejections { get; set; }

    /// <summary>IANA time zone the merchant's people read times in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
