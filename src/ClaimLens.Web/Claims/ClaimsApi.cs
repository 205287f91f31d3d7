using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
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
        var order = orderNo is null ? null : await db.Orders.AsNoTracking().Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.MerchantId == merchant && o.OrderNo == orderNo, cancellationToken);
        if (orderNo is not null && order is null)
            v.Add("orderNo", $"no order \"{orderNo}\"");
        var claim = await ClaimFiling.FileAsync(new FilingServices(db, store, queue, signal, time, limits), v, order, ClaimFields.From(form),
            form.Files, origins: null, caller.Actor, ClaimFiling.English, cancellationToken);
        if (claim is null)
            return TypedResults.ValidationProblem(v.ToDictionary());
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
        if (!await ClaimFiling.AddEvidenceAsync(new FilingServices(db, store, queue, signal, time, limits), v, claim, form.Files, origins: null,
                "buyer", ClaimFiling.English, cancellationToken))
            return TypedResults.ValidationProblem(v.ToDictionary());
        return TypedResults.Accepted($"/api/v1/claims/{claim.Id}", new FiledClaim(claim.Id, ClaimStateMachine.Name(claim.Status)));
    }
}
