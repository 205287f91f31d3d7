namespace ClaimLens.Web.Repairs;

/// <summary>A request on the dispatcher board: not yet accepted and due soon (or already late).</summary>
public sealed record BoardItem(
    Guid Id, string Status, string Brand, string ProductType, string TownCode, string Regions, DateTimeOffset ResponseDueAt,
    double MinutesLeft, string ResponseTarget, Guid? TechnicianId, DateTimeOffset? OfferExpiresAt, int OffersMade);
