using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Work;
using Microsoft.Extensions.Options;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The optional photos of the customer's and the agent's intake forms: staged and checked before the request is
/// filed (a bad photo files nothing), then attached as intake photos through the same core as the photo API.</summary>
public static class IntakePhotos
{
    public const int MaxPhotos = 6;

    /// <summary>The staged files (dispose them when done), or the error to show beside the photo field.</summary>
    public static async Task<(List<StagedFile> Files, string? Error)> StageAsync(IServiceProvider services, IReadOnlyList<IFormFile> photos,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(photos);
        var store = services.GetRequiredService<MediaStore>();
        var media = services.GetRequiredService<IOptions<MediaOptions>>().Value;
        var staged = new List<StagedFile>();
        var chosen = photos.Where(p => p.Length > 0 || !string.IsNullOrEmpty(p.FileName)).ToList();
        if (chosen.Count > MaxPhotos)
            return (staged, L($"最多 {MaxPhotos} 张照片。", $"At most {MaxPhotos} photos."));
        try
        {
            for (var i = 0; i < chosen.Count; i++)
            {
                await using var stream = chosen[i].OpenReadStream();
                staged.Add(await store.StageAsync(stream, media.MaxPhotoBytes, chosen[i].FileName, $"photos[{i}]", cancellationToken));
            }
            var v = new Validation();
            await RepairPhotos.CheckAsync(v, staged, media.MaxPixels, cancellationToken);
            if (v.IsValid)
                return (staged, null);
        }
        catch (UploadException)
        {
            // too large: said below like any other unreadable photo
        }
        foreach (var file in staged)
            file.Dispose();
        return ([], L($"照片需为 JPEG、PNG 或 WebP，每张不超过 {media.MaxPhotoBytes / (1024 * 1024)} MB，且能正常打开。",
            $"Photos must be JPEG, PNG or WebP, at most {media.MaxPhotoBytes / (1024 * 1024)} MB each, and readable."));
    }

    /// <summary>Adds the staged files to the filed request, saves, and wakes the workers.</summary>
    public static async Task AttachAsync(IServiceProvider services, ClaimLensDbContext db, ServiceRequest request, List<StagedFile> files, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
            return;
        await RepairPhotos.AddAsync(db, services.GetRequiredService<MediaStore>(), services.GetRequiredService<JobQueue>(),
            services.GetRequiredService<TimeProvider>(), request, RepairPhotoStage.Intake, files, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<JobSignal>().Notify(files.Count);
    }
}
