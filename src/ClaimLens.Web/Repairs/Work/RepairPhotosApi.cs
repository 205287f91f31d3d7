using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Evidence.Renditions;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>Photos of a repair job: upload (multipart, streamed, like claim photos), list with the engine's verdicts,
/// and their display sizes (never the originals).</summary>
public static class RepairPhotosApi
{
    public static IEndpointRouteBuilder MapRepairPhotosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/requests/{id:guid}/photos").WithTags("Repairs").RequireAuthorization(Policies.RepairJob);
        group.MapPost("/", Upload).WithName("UploadRepairPhotos").DisableAntiforgery()
            .WithSummary("Multipart: field stage (intake, before or after) and 1 to 9 files in photos (JPEG/PNG/WebP, 25 MB each); each is analysed in the background.");
        group.MapGet("/", List).WithName("ListRepairPhotos").WithSummary("The job's photos with their verdicts and strongest finding.");
        app.MapGet("/media/repair-photos/{photoId:guid}/{size}", Picture).WithName("GetRepairPhotoMedia").WithTags("Media")
            .RequireAuthorization().WithSummary("A repair photo as thumb or view, for the tenant's staff and the job's technician.");
        return app;
    }

    public static async Task<Results<Accepted<List<RepairPhotoDto>>, NotFound, ValidationProblem>> Upload(
        Guid id, HttpContext http, ClaimLensDbContext db, MediaStore store, JobQueue queue, JobSignal signal, IOptions<MediaOptions> media,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        var caller = Caller.From(http.User);
        var limits = media.Value;
        using var form = await UploadedForm.ReadAsync(http.Request, store, new HashSet<string> { RepairPhotos.Field }, RepairPhotos.MaxPerUpload,
            limits.MaxPhotoBytes, cancellationToken);
        var v = new Validation();
        var stage = RepairPhotos.ParseStage(form.Field("stage"));
        if (stage is null)
            v.Add("stage", "stage must be intake, before or after");
        else if (stage == RepairPhotoStage.Intake && caller.Role == Role.Technician)
            v.Add("stage", "technicians add before and after photos");
        if (form.Files.Count == 0)
            v.Add(RepairPhotos.Field, $"1 to {RepairPhotos.MaxPerUpload} photos are required");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var request = stage == RepairPhotoStage.Intake
            ? await JobAccess.Visible(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await JobWorkApi.LoadHeldAsync(db, caller, id, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        await RepairPhotos.CheckAsync(v, form.Files, limits.MaxPixels, cancellationToken);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var added = await RepairPhotos.AddAsync(db, store, queue, time, request, stage!.Value, form.Files, caller.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify(added.Count);
        return TypedResults.Accepted($"/api/v1/repairs/requests/{id}/photos", added.Select(RepairPhotoDto.From).ToList());
    }

    public static async Task<Results<Ok<List<RepairPhotoDto>>, NotFound>> List(Guid id, HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!await JobAccess.Visible(db, caller).AnyAsync(r => r.Id == id, cancellationToken))
            return TypedResults.NotFound();
        var photos = await db.RepairPhotos.AsNoTracking().Where(p => p.RequestId == id).OrderBy(p => p.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(photos.Select(RepairPhotoDto.From).ToList());
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> Picture(
        Guid photoId, string size, HttpContext http, ClaimLensDbContext db, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        Rendition? rendition = size switch { "thumb" => Rendition.Thumb, "view" => Rendition.View, _ => null };
        var caller = Caller.From(http.User);
        if (rendition is null || caller.Role is not (Role.Merchant or Role.Technician) || caller.MerchantId is null)
            return TypedResults.NotFound();
        // Access by the record, never by the content hash (media is shared across tenants): the photo's request must be visible.
        var visible = JobAccess.Visible(db, caller);
        var sha256 = await db.RepairPhotos.AsNoTracking().Where(p => p.Id == photoId && visible.Any(r => r.Id == p.RequestId)).Select(p => p.Sha256).SingleOrDefaultAsync(cancellationToken);
        return await MediaApi.ServeAsync(http, renditions, sha256, rendition.Value, cancellationToken);
    }
}
