using System.Globalization;
using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Claims;

/// <summary>Filing claims, reading them, the merchant's answer and the buyer's added evidence.</summary>
public static class ClaimsApi
{
    private static readonly HashSet<string> PhotoField = new(StringComparer.OrdinalIgnoreCase) { "photos" };

    public static RouteGroupBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/claims").WithTags("Claims");
        group.MapPost("/", FileClaim).RequireAuthorization(Policies.Merchant).DisableAntiforgery()
            .WithName("FileClaim").WithSummary("File a claim (multipart: orderNo, sku, type, reason, amount, photos 1-9); analysed in the background.");
        group.MapGet("/{id:guid}", GetClaim).RequireAuthorization()
            .WithName("GetClaim").WithSummary("Status, risk, verdict, deadlines, buyer standing and each photo's claimlens.report/1 report.");
        group.MapPost("/{id:guid}/merchant-response", Respond).RequireAuthorization(Policies.Merchant).DisableAntiforgery()
            .WithName("RespondToClaim").WithSummary("The merchant's answer (multipart: text, evidence files) within the response window.");
        group.MapPost("/{id:guid}/evidence", AddEvidence).AllowAnonymous().DisableAntiforgery()
            .WithName("AddClaimEvidence").WithSummary("The buyer adds photos after a reviewer asked for more (multipart: token, photos).");
        return group;
    }

    public static async Task<Results<Accepted<FiledClaim>, ValidationProblem>> FileClaim(
        HttpContext http, ClaimLensDbContext db, MediaStore store, JobQueue queue, JobSignal signal, IOptions<MediaOptions> media,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var limits = media.Value;
        using var form = await UploadedForm.ReadAsync(http.Request, store, PhotoField, limits.MaxPhotosPerClaim, limits.MaxPhotoBytes, cancellationToken);
        var v = new Validation();
        var orderNo = v.Required("orderNo", form.Field("orderNo"), 64);
        var sku = v.Required("sku", form.Field("sku"), 64);
        var reason = v.Required("reason", form.Field("reason"), 2000);
        var type = form.Field("type") switch
        {
            "refund_only" => ClaimType.RefundOnly,
            "return_refund" => ClaimType.ReturnRefund,
            _ => (ClaimType?)null,
        };
        if (type is null)
            v.Add("type", "type must be refund_only or return_refund");
        if (!decimal.TryParse(form.Field("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            v.Add("amount", "amount must be a positive number such as 129.90");
        if (form.Files.Count == 0)
            v.Add("photos", $"1 to {limits.MaxPhotosPerClaim} photos are required");
        v.Merge(await UploadedForm.CheckPicturesAsync(form.Files, limits.MaxPixels, cancellationToken));

        var order = orderNo is null ? null : await db.Orders.AsNoTracking().Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.MerchantId == merchant && o.OrderNo == orderNo, cancellationToken);
        if (orderNo is not null && order is null)
            v.Add("orderNo", $"no order \"{orderNo}\"");
        var line = order?.Lines.FirstOrDefault(l => l.Sku == sku);
        if (order is not null && sku is not null && line is null)
            v.Add("sku", $"order \"{orderNo}\" has no line with SKU \"{sku}\"");
        if (line is not null && amount > line.UnitPrice * line.Quantity)
            v.Add("amount", $"amount {amount} is more than the line's total {line.UnitPrice * line.Quantity}");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        var claim = new Claim
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, OrderId = order!.Id, Sku = sku!, Type = type!.Value, Reason = reason!,
            Amount = amount, Status = ClaimStatus.Analyzing, BuyerKey = order.BuyerKey, CreatedAt = now, UpdatedAt = now,
        };
        await AddPhotosAsync(db, store, queue, claim, form.Files, round: 1, now, cancellationToken);
        db.Claims.Add(claim);
        db.Append(time, caller.Actor, "claim.filed", "claim", claim.Id, merchant,
            new { orderNo, sku, type = form.Field("type"), amount, photos = form.Files.Select(f => f.Sha256) });
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify(form.Files.Count);
        return TypedResults.Accepted($"/api/v1/claims/{claim.Id}", new FiledClaim(claim.Id, ClaimStateMachine.Name(claim.Status)));
    }

    public static async Task<Results<Ok<ClaimDto>, NotFound>> GetClaim(Guid id, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var claim = await db.Claims.AsNoTracking().Include(c => c.Photos).Include(c => c.Responses).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (claim is null || !caller.CanSee(claim.MerchantId))
            return TypedResults.NotFound();
        var orderNo = await db.Orders.Where(o => o.Id == claim.OrderId).Select(o => o.OrderNo).SingleAsync(cancellationToken);
        var standing = await BuyerStanding.ForAsync(db, claim.BuyerKey, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(ClaimDto.From(claim, orderNo, standing));
    }

    public static async Task<Results<Ok<FiledClaim>, NotFound, ValidationProblem>> Respond(
        Guid id, HttpContext http, ClaimLensDbContext db, MediaStore store, IOptions<MediaOptions> media, TimeProvider time, CancellationToken cancellationToken)
    {
        using var form = await UploadedForm.ReadAsync(http.Request, store, new HashSet<string> { "evidence" }, MerchantResponses.MaxEvidenceFiles,
            media.Value.MaxPhotoBytes, cancellationToken);
        var outcome = await MerchantResponses.RespondAsync(db, store, media.Value, time, Caller.From(http.User), id, form.Field("text"), form.Files, cancellationToken);
        if (!outcome.Found)
            return TypedResults.NotFound();
        if (!outcome.Recorded)
            return TypedResults.ValidationProblem(outcome.Errors.ToDictionary());
        return TypedResults.Ok(new FiledClaim(id, ClaimStateMachine.Name(outcome.Status)));
    }

    public static async Task<Results<Accepted<FiledClaim>, NotFound, ValidationProblem>> AddEvidence(
        Guid id, HttpContext http, ClaimLensDbContext db, MediaStore store, JobQueue queue, JobSignal signal, IOptions<MediaOptions> media,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var limits = media.Value;
        using var form = await UploadedForm.ReadAsync(http.Request, store, PhotoField, limits.MaxPhotosPerClaim, limits.MaxPhotoBytes, cancellationToken);
        var claim = await db.Claims.Include(c => c.Photos).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var token = form.Field("token");
        // A wrong token answers exactly like a missing claim: the link is the buyer's only credential.
        if (claim?.EvidenceToken is null || token is null
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(claim.EvidenceToken), System.Text.Encoding.UTF8.GetBytes(token)))
            return TypedResults.NotFound();
        var v = new Validation();
        if (form.Files.Count == 0)
            v.Add("photos", "at least one photo is required");
        v.Merge(await UploadedForm.CheckPicturesAsync(form.Files, limits.MaxPixels, cancellationToken));
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        ClaimStateMachine.Fire(claim, ClaimTrigger.BuyerAddedEvidence, now);
        claim.EvidenceToken = null;
        var round = claim.Photos.Max(p => p.Round) + 1;
        await AddPhotosAsync(db, store, queue, claim, form.Files, round, now, cancellationToken);
        db.Append(time, "buyer", "claim.evidence_added", "claim", claim.Id, claim.MerchantId, new { round, photos = form.Files.Select(f => f.Sha256) });
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify(form.Files.Count);
        return TypedResults.Accepted($"/api/v1/claims/{claim.Id}", new FiledClaim(claim.Id, ClaimStateMachine.Name(claim.Status)));
    }

    private static async Task AddPhotosAsync(ClaimLensDbContext db, MediaStore store, JobQueue queue, Claim claim,
        IReadOnlyList<StagedFile> files, int round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await MediaCommit.CommitAsync(db, store, files, now, cancellationToken);
        for (var i = 0; i < files.Count; i++)
        {
            var photo = new EvidencePhoto
            {
                Id = Guid.CreateVersion7(now), ClaimId = claim.Id, Round = round, Ordinal = i + 1, Sha256 = files[i].Sha256,
                FileName = CatalogApi.SafeName(files[i].FileName), Source = EvidenceSource.Uploaded, CreatedAt = now,
            };
            claim.Photos.Add(photo);
            queue.Enqueue(JobKind.AnalyzePhoto, photo.Id);
        }
    }
}
