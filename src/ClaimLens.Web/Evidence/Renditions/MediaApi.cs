using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>Pictures for the desk's pages, by record id: display sizes and zoom tiles of claim photos, the engine's
/// renderings over them, references, packing photos and video frames. Never the originals. Every answer is
/// immutable for its URL's content (cached by the browser for a year, revalidated by ETag).</summary>
public static class MediaApi
{
    private const string CacheControl = "private, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/media").WithTags("Media").RequireAuthorization();
        group.MapGet("/photos/{photoId:guid}/tiles.json", GetPhotoTiles).WithName("GetPhotoTiles")
            .WithSummary("A claim photo's zoom pyramid: width and height as displayed, tile size, number of levels.");
        group.MapGet("/photos/{photoId:guid}/tiles/{level:int}/{x:int}/{y:int}.jpg", GetPhotoTile).WithName("GetPhotoTile")
            .WithSummary("One 512 x 512 tile (smaller on the right and bottom edges) of a claim photo's zoom pyramid.");
        group.MapGet("/photos/{photoId:guid}/{kind}", GetPhoto).WithName("GetPhotoMedia")
            .WithSummary("A claim photo as thumb or view, its heatmap, mask or aligned reference, or its matched reference as reference-thumb or reference-view.");
        group.MapGet("/references/{referencePhotoId:guid}/{size}", GetReference).WithName("GetReferenceMedia")
            .WithSummary("A product's reference photo as thumb or view.");
        group.MapGet("/packing/{packingMediaId:guid}/{size}", GetPacking).WithName("GetPackingMedia")
            .WithSummary("A packing photo or video frame as thumb or view; for a packing video, its first extracted frame.");
        group.MapGet("/responses/{responseId:guid}/{index:int}/{size}", GetResponseEvidence).WithName("GetResponseEvidenceMedia")
            .WithSummary("A picture the merchant sent with its answer to a claim: thumb or view.");
        group.MapGet("/frames/{frameId:guid}/{size}", GetFrame).WithName("GetFrameMedia")
            .WithSummary("A frame taken from a packing video as thumb or view.");
        return app;
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetPhoto(
        Guid photoId, string kind, HttpContext http, MediaAccess access, MediaRenditions renditions, MediaStore store,
        CancellationToken cancellationToken)
    {
        if (await access.PhotoAsync(http, photoId, cancellationToken) is not { } photo)
            return TypedResults.NotFound();
        return kind switch
        {
            "thumb" => await ServeAsync(http, renditions, photo.Sha256, Rendition.Thumb, cancellationToken),
            "view" => await ServeAsync(http, renditions, photo.Sha256, Rendition.View, cancellationToken),
            "heatmap" => await ServeAsync(http, renditions, photo.HeatmapSha256, Rendition.View, cancellationToken),
            "aligned" => await ServeAsync(http, renditions, photo.AlignedReferenceSha256, Rendition.View, cancellationToken),
            "reference-thumb" => await ServeAsync(http, renditions, photo.MatchedReferenceSha256, Rendition.Thumb, cancellationToken),
            "reference-view" => await ServeAsync(http, renditions, photo.MatchedReferenceSha256, Rendition.View, cancellationToken),
            // A mask is small (the heat map's size) and must keep hard edges: the stored PNG as it is.
            "mask" when photo.MaskSha256 is { } mask && store.Exists(mask) => Serve(http, store.LocalPath(mask), "image/png", Tag(mask, "mask")),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Results<Ok<TileLayout>, StatusCodeHttpResult, NotFound>> GetPhotoTiles(
        Guid photoId, HttpContext http, MediaAccess access, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        if (await access.PhotoAsync(http, photoId, cancellationToken) is not { } photo)
            return TypedResults.NotFound();
        var tag = Tag(photo.Sha256, $"tiles-{MediaRenditions.TileSize}");
        if (NotModified(http, tag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var layout = await renditions.LayoutAsync(photo.Sha256, cancellationToken);
        http.Response.Headers.CacheControl = CacheControl;
        http.Response.Headers.ETag = tag;
        return TypedResults.Ok(layout);
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetPhotoTile(
        Guid photoId, int level, int x, int y, HttpContext http, MediaAccess access, MediaRenditions renditions,
        CancellationToken cancellationToken)
    {
        if (await access.PhotoAsync(http, photoId, cancellationToken) is not { } photo)
            return TypedResults.NotFound();
        var tag = Tag(photo.Sha256, FormattableString.Invariant($"tile-{MediaRenditions.TileSize}-{level}-{x}-{y}"));
        if (NotModified(http, tag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return await renditions.TileAsync(photo.Sha256, level, x, y, cancellationToken) is { } path
            ? Serve(http, path, "image/jpeg", tag)
            : TypedResults.NotFound();
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetReference(
        Guid referencePhotoId, string size, HttpContext http, MediaAccess access, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        if (ParseSize(size) is not { } rendition)
            return TypedResults.NotFound();
        return await ServeAsync(http, renditions, await access.ReferenceAsync(http, referencePhotoId, cancellationToken), rendition, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetPacking(
        Guid packingMediaId, string size, HttpContext http, MediaAccess access, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        if (ParseSize(size) is not { } rendition)
            return TypedResults.NotFound();
        var sha256 = await access.PackingAsync(http, packingMediaId, framesOnly: false, cancellationToken);
        return await ServeAsync(http, renditions, sha256, rendition, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetFrame(
        Guid frameId, string size, HttpContext http, MediaAccess access, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        if (ParseSize(size) is not { } rendition)
            return TypedResults.NotFound();
        var sha256 = await access.PackingAsync(http, frameId, framesOnly: true, cancellationToken);
        return await ServeAsync(http, renditions, sha256, rendition, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> GetResponseEvidence(
        Guid responseId, int index, string size, HttpContext http, MediaAccess access, MediaRenditions renditions, CancellationToken cancellationToken)
    {
        if (ParseSize(size) is not { } rendition)
            return TypedResults.NotFound();
        var sha256 = await access.ResponseAsync(http, responseId, index, cancellationToken);
        return await ServeAsync(http, renditions, sha256, rendition, cancellationToken);
    }

    private static Rendition? ParseSize(string size) => size switch
    {
        "thumb" => Rendition.Thumb,
        "view" => Rendition.View,
        _ => null,
    };

    internal static async Task<Results<PhysicalFileHttpResult, StatusCodeHttpResult, NotFound>> ServeAsync(
        HttpContext http, MediaRenditions renditions, string? sha256, Rendition rendition, CancellationToken cancellationToken)
    {
        if (sha256 is null)
            return TypedResults.NotFound();
        var tag = Tag(sha256, MediaRenditions.Name(rendition));
        // Checked before rendering: a browser revalidating costs one query, not a decode.
        if (NotModified(http, tag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return Serve(http, await renditions.GetAsync(sha256, rendition, cancellationToken), "image/jpeg", tag);
    }

    // Streamed from the cached file by the server, never buffered here.
    private static PhysicalFileHttpResult Serve(HttpContext http, string path, string contentType, string tag)
    {
        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.PhysicalFile(path, contentType, entityTag: new EntityTagHeaderValue(tag), enableRangeProcessing: false);
    }

    private static bool NotModified(HttpContext http, string tag)
    {
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Count == 0 || !asked.Any(e => e.Tag.Equals(tag, StringComparison.Ordinal) || e.Equals(EntityTagHeaderValue.Any)))
            return false;
        http.Response.Headers.CacheControl = CacheControl;
        http.Response.Headers.ETag = tag;
        return true;
    }

    // Strong: the bytes are a function of the content (its hash), the kind and the renderer's version.
    private static string Tag(string sha256, string kind) => $"\"{sha256}-{kind}-{MediaRenditions.Version}\"";
}
