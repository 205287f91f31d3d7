namespace ClaimLens.Web.Accounts;

/// <summary>A tenant of the deployment: a brand, shop or merchant whose claims the desk handles.</summary>
public sealed class Merchant
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public MerchantSettings Settings { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
}
