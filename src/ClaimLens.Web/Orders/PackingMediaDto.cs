namespace ClaimLens.Web.Orders;

/// <summary>A packing photo, video or video frame. A video shows <c>processing</c> until its frames are taken,
/// then <c>done</c> (its frames follow it, each naming it in <c>sourceMediaId</c>) or <c>unreadable</c> with the reason.</summary>
public sealed record PackingMediaDto(
    Guid Id, string Kind, string FileName, string Sha256, Guid? SourceMediaId, double? AtSeconds,
    string? Status = null, string? ProcessingError = null)
{
    public static PackingMediaDto From(PackingMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var kind = media.Kind switch
        {
            PackingMediaKind.VideoFrame => "video_frame",
            _ => media.Kind.ToString().ToLowerInvariant(),
        };
        var status = media.Kind != PackingMediaKind.Video ? null
            : media.ProcessedAt is null ? "processing"
            : media.ProcessingError is null ? "done" : "unreadable";
        return new PackingMediaDto(media.Id, kind, media.FileName, media.Sha256, media.SourceMediaId, media.AtSeconds, status, media.ProcessingError);
    }
}
