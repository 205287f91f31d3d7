using ClaimLens.Web.Repairs;

namespace ClaimLens.Web.Pages.Technician;

/// <summary>A line of the technician's job list: no personal data, only where (town) and what.</summary>
public sealed record JobRow(Guid Id, RepairStatus Status, string Brand, string ProductType, string Fault, string Place,
    DateTimeOffset? OfferExpiresAt, DateTimeOffset? CompletedAt, IReadOnlyList<TimeWindow> Windows);
