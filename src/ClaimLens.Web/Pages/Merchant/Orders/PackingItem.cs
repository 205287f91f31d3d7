using ClaimLens.Web.Orders;

namespace ClaimLens.Web.Pages.Merchant.Orders;

/// <summary>A packing photo, video or a frame taken from a video, as the order page shows it.</summary>
public sealed record PackingItem(Guid Id, PackingMediaKind Kind, string FileName, Guid? SourceMediaId, double? AtSeconds, bool Processed, string? Error);
