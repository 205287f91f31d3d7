using OpenCvSharp;

namespace ClaimLens.Forensics.Metadata;

/// <summary>What the metadata checks need to know besides the file itself.</summary>
/// <param name="DeliveredAt">When the goods were delivered; enables <c>captured_before_delivery</c>. Null when unknown.</param>
/// <param name="WorkingGray">The decoded photo, 8-bit grey, at working resolution and displayed orientation;
/// enables <c>exif_thumbnail_mismatch</c>. Null when not decoded. Not disposed by the inspector.</param>
public sealed record MetadataContext(DateTimeOffset? DeliveredAt, Mat? WorkingGray);
