namespace ClaimLens.Web.Repairs.Work;

/// <summary>A job in the technician's list: what and where (county and town only), never the customer's data.</summary>
public sealed record TechnicianJobDto(
    Guid Id, string Status, string Brand, string ProductType, string Fault, string CountyCode, string TownCode,
    DateTimeOffset? OfferExpiresAt, DateTimeOffset? CompletedAt, IReadOnlyList<TimeWindowInput> PreferredWindows);
