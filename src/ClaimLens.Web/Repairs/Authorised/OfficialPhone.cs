namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>A public number of the tenant (hotline, service point): business data, stored plain and normalised.</summary>
public sealed class OfficialPhone
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>Digits only, without a +86 / 0086 prefix (see <see cref="AuthorisedApi.NormalizeNumber"/>).</summary>
    public required string Number { get; set; }

    public required string Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
