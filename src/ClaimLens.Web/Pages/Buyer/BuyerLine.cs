namespace ClaimLens.Web.Pages.Buyer;

/// <summary>An order line as the buyer sees it: the product's name from the merchant's catalogue.</summary>
public sealed record BuyerLine(string Sku, string Name, int Quantity, decimal UnitPrice)
{
    public decimal Total => UnitPrice * Quantity;
}
