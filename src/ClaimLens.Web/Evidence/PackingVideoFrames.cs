using System.Globalization;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Orders;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence;

/// <summary>The job that turns a packing video into reference frames (<see cref="PackingMediaKind.VideoFrame"/> rows)
/// that claim photos are compared against like packing photos. A video ffmpeg cannot read is marked with the reason
/// and not tried again: a corrupt file stays corrupt. Running the job twice changes nothing: a video is processed
/// once, and the unique (source, time) index stops two racing runs from both adding frames.</summary>
public sealed class PackingVideoFrames(ClaimLensDbContext db, MediaStore store, FrameExtractor extractor, TimeProvider time)
{
    public async Task RunAsync(Guid packingMediaId, CancellationToken cancellationToken)
    {
        var video = await db.PackingMedia.SingleOrDefaultAsync(m => m.Id == packingMediaId, cancellationToken);
        if (video is null || video.Kind != PackingMediaKind.Video || video.ProcessedAt is not null)
            return;
        if (await db.PackingMedia.AnyAsync(m => m.SourceMediaId == video.Id, cancellationToken))
        {
            video.ProcessedAt = time.GetUtcNow(); // frames saved by a run that died before marking the video
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        var merchant = await db.Orders.Where(o => o.Id == video.OrderId).Select(o => o.MerchantId).SingleAsync(cancellationToken);
        var contentType = await db.MediaBlobs.Where(b => b.Sha256 == video.Sha256).Select(b => b.ContentType).SingleAsync(cancellationToken);

        var extraction = store.Exists(video.Sha256)
            ? await extractor.ExtractAsync(store.LocalPath(video.Sha256), contentType, cancellationToken)
            : FrameExtraction.Failed("the stored video file is missing");
        var now = time.GetUtcNow();
        video.ProcessedAt = now;
        if (extraction.Error is { } error)
        {
            video.ProcessingError = error.Length > PackingMedia.MaxErrorLength ? error[..PackingMedia.MaxErrorLength] : error;
            db.Append(time, "system", "order.video_unreadable", "order", video.OrderId, merchant,
                new { packingMediaId = video.Id, video.Sha256, error = video.ProcessingError });
        }
        else
        {
            video.ProcessingError = null;
            var added = await AddFramesAsync(video, extraction.Frames, now, cancellationToken);
            db.Append(time, "system", "order.video_frames_extracted", "order", video.OrderId, merchant,
                new { packingMediaId = video.Id, video.Sha256, frames = added, extraction.DurationSeconds, extraction.Truncated });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another run of the same job saved its frames first (the unique index); the next run finds them.
            throw new RetryableJobException("frames of this video were saved by another run; the job runs again", e);
        }
    }

    private async Task<int> AddFramesAsync(PackingMedia video, IReadOnlyList<ExtractedFrame> frames, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseName = video.FileName.Length > 200 ? video.FileName[..200] : video.FileName;
        foreach (var frame in frames)
        {
            var sha256 = await store.PutAsync(frame.Jpeg, cancellationToken);
            if (!seen.Add(sha256))
                continue; // a still shot gives the same frame twice; one reference is enough
            if (!db.MediaBlobs.Local.Any(b => b.Sha256 == sha256) && !await db.MediaBlobs.AnyAsync(b => b.Sha256 == sha256, cancellationToken))
                db.MediaBlobs.Add(new MediaBlob { Sha256 = sha256, Length = frame.Jpeg.Length, ContentType = "image/jpeg", CreatedAt = now });
            db.PackingMedia.Add(new PackingMedia
            {
                Id = Guid.CreateVersion7(now), OrderId = video.OrderId, Kind = PackingMediaKind.VideoFrame, Sha256 = sha256,
                FileName = string.Create(CultureInfo.InvariantCulture, $"{baseName}#t={frame.AtSeconds:0.###}"),
                SourceMediaId = video.Id, AtSeconds = frame.AtSeconds, CreatedAt = now,
            });
        }
        return seen.Count;
    }
}
