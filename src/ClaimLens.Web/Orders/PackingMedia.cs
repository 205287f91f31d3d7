namespace ClaimLens.Web.Orders;

/// <summary>A packing photo or video of an order, or a frame taken from such a video.</summary>
public sealed class PackingMedia
{
    public const int MaxErrorLength = 500;

    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public PackingMediaKind Kind { get; set; }

    public required string Sha256 { get; set; }

    public required string FileName { get; set; }

    /// <summary>For a video frame: the video it came from and where in it.</summary>
    public Guid? SourceMediaId { get; set; }

    public double? AtSeconds { get; set; }

    /// <summary>For a video: when its frames were taken, or when it was found unreadable; null while queued.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>For a video ffmpeg could not read: why, in a sentence for the merchant.</summary>
    public string? ProcessingError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
