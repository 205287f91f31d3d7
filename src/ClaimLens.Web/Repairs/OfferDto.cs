namespace ClaimLens.Web.Repairs;

public sealed record OfferDto(Guid Id, Guid TechnicianId, string Status, DateTimeOffset OfferedAt, DateTimeOffset? ExpiresAt, string OfferedBy, string? Ranking)
{
    public static OfferDto From(DispatchOffer o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OfferDto(o.Id, o.TechnicianId, o.Status.ToString().ToLowerInvariant(), o.OfferedAt, o.ExpiresAt, o.OfferedBy, o.Ranking);
    }
}
