using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>Adding photos to a repair request, for the API, the technician's page and the customer's intake pages
/// alike: each file is checked as a picture and decoded once (a corrupt photo is refused naming its field, and
/// nothing is kept), committed to the media store and queued for the forensics engine.</summary>
public static class RepairPhotos
{
    public const string Field = "photos";

    public const int MaxPerUpload = 9;

    public static string Name(RepairPhotoStage stage) => stage.ToString().ToLowerInvariant();

    public static RepairPhotoStage? ParseStage(string? stage) => stage switch
    {
        "intake" => RepairPhotoStage.Intake,
        "before" => RepairPhotoStage.Before,
        "after" => RepairPhotoStage.After,
        _ => null,
    };

    /// <summary>Checks every file; the errors are keyed by field (<c>photos[0]</c>).</summary>
    public static async Task CheckAsync(Validation v, IReadOnlyList<StagedFile> files, long maxPixels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(files);
        var errors = await UploadedForm.CheckPicturesAsync(files, maxPixels, cancellationToken);
        v.Merge(errors);
        foreach (var file in files.Where(f => !errors.ContainsKey(f.Field)))
        {
            // Claim photos are only sniffed at intake (the engine reports an unreadable one); a repair photo is a
            // technician's proof of work, so a broken one is refused while the technician is still on site.
            var bytes = await File.ReadAllBytesAsync(file.Path, cancellationToken);
            try
            {
                using var image = ImageLoader.Load(bytes);
            }
            catch (ImageLoadException e)
            {
                v.Add(file.Field, $"{MediaStore.Describe(file.FileName)} cannot be read: {e.Message}");
            }
        }
    }

    /// <summary>Commits checked files as photos of <paramref name="request"/> and queues their analysis; the caller saves.</summary>
    public static async Task<List<RepairPhoto>> AddAsync(ClaimLensDbContext db, MediaStore store, JobQueue queue, TimeProvider time,
        ServiceRequest request, RepairPhotoStage stage, IReadOnlyList<StagedFile> files, string uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        var now = time.GetUtcNow();
        await MediaCommit.CommitAsync(db, store, files, now, cancellationToken);
        var added = new List<RepairPhoto>();
        foreach (var file in files)
        {
            var photo = new RepairPhoto
            {
                Id = Guid.CreateVersion7(now), RequestId = request.Id, MerchantId = request.MerchantId, Stage = stage, Sha256 = file.Sha256,
                FileName = Truncate(string.IsNullOrWhiteSpace(file.FileName) ? "photo.jpg" : file.FileName, 255), UploadedBy = uploadedBy,
                CreatedAt = now,
            };
            db.RepairPhotos.Add(photo);
            queue.Enqueue(JobKind.AnalyzeRepairPhoto, photo.Id);
            added.Add(photo);
        }
        db.Append(time, uploadedBy, "repair.photos_added", "service_request", request.Id, request.MerchantId,
            new { stage = Name(stage), photos = added.Select(p => p.Sha256) });
        return added;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
