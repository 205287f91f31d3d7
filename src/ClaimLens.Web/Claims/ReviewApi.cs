using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>The review queue and reviewers' decisions.</summary>
public static class ReviewApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/review-queue", GetQueue).RequireAuthorization(Policies.Reviewer).WithTags("Review")
            .WithName("GetReviewQueue").WithSummary("Claims in review, highest risk first, then nearest deadline; filters: merchant, verdict, minAgeHours.");
        app.MapPost("/api/v1/claims/{id:guid}/decision", Decide).RequireAuthorization(Policies.Reviewer).WithTags("Review")
            .WithName("DecideClaim").WithSummary("Approve, reject (with a reason shown to the buyer) or request more evidence.");
        return app;
    }

    public static async Task<Results<Ok<ReviewQueuePage>, ValidationProblem>> GetQueue(
        HttpContext http, ClaimLensDbContext db, TimeProvider time, Guid? merchant, string? verdict, double? minAgeHours,
        int? limit, int? offset, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var v = new Validation();
        if (limit is < 1 or > MaxPageSize)
            v.Add("limit", $"limit must be 1 to {MaxPageSize}");
        if (offset < 0)
            v.Add("offset", "offset must not be negative");
        if (verdict is not (null or "likely_manipulated" or "needs_review" or "no_manipulation_found"))
            v.Add("verdict", "verdict must be likely_manipulated, needs_review or no_manipulation_found");
        if (minAgeHours < 0)
            v.Add("minAgeHours", "minAgeHours must not be negative");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var query = db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.InReview);
        if (caller.MerchantId is { } own)
            query = query.Where(c => c.MerchantId == own);
        if (merchant is { } m)
            query = query.Where(c => c.MerchantId == m);
        if (verdict is not null)
            query = query.Where(c => c.Verdict == verdict);
        if (minAgeHours is { } hours)
        {
            var before = time.GetUtcNow() - TimeSpan.FromHours(hours);
            query = query.Where(c => c.CreatedAt <= before);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.Risk).ThenBy(c => c.ReviewDueAt).ThenBy(c => c.Id)
            .Skip(offset ?? 0).Take(limit ?? 50)
            .Select(c => new ReviewQueueItem(c.Id, c.MerchantId, c.Sku, c.Amount, c.Risk, c.Verdict, c.CreatedAt, c.ReviewDueAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReviewQueuePage(total, items));
    }

    public static async Task<Results<Ok<DecisionResult>, NotFound, ValidationProblem>> Decide(
        Guid id, DecisionRequest request, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (claim is null || !caller.CanSee(claim.MerchantId))
            return TypedResults.NotFound();
        var v = new Validation();
        var trigger = request.Action switch
        {
            "approve" => ClaimTrigger.Approve,
            "reject" => ClaimTrigger.Reject,
            "request_evidence" => ClaimTrigger.RequestEvidence,
            _ => (ClaimTrigger?)null,
        };
        if (trigger is null)
            v.Add("action", "action must be approve, reject or request_evidence");
        var reason = request.Reason switch
        {
            null when trigger == ClaimTrigger.Approve => DecisionReason.Accepted,
            "forged_evidence" => DecisionReason.ForgedEvidence,
            "not_covered" => DecisionReason.NotCovered,
            "insufficient_evidence" => DecisionReason.InsufficientEvidence,
            "other" => DecisionReason.Other,
            _ => (DecisionReason?)null,
        };
        if (trigger == ClaimTrigger.Reject && reason is null)
            v.Add("reason", "a rejection needs reason forged_evidence, not_covered, insufficient_evidence or other");
        if (trigger is ClaimTrigger.Reject or ClaimTrigger.RequestEvidence && string.IsNullOrWhiteSpace(request.Note))
            v.Add("note", "say in a note what the buyer is told (the reason, or what evidence to add)");
        if (request.Note?.Length > 2000)
            v.Add("note", "note is longer than 2000 characters");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        ClaimStateMachine.Fire(claim, trigger!.Value, now);
        claim.DecisionNote = request.Note?.Trim();
        string? evidenceLink = null;
        if (trigger == ClaimTrigger.RequestEvidence)
        {
            claim.EvidenceToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            evidenceLink = $"/api/v1/claims/{claim.Id}/evidence?token={claim.EvidenceToken}";
        }
        else
        {
            claim.DecidedAt = now;
            claim.DecidedBy = caller.Actor;
            claim.DecisionReason = trigger == ClaimTrigger.Approve ? DecisionReason.Accepted : reason;
        }
        db.Append(time, caller.Actor, "claim.decided", "claim", claim.Id, claim.MerchantId,
            new { action = request.Action, reason = request.Reason, note = claim.DecisionNote, to = ClaimStateMachine.Name(claim.Status) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DecisionResult(claim.Id, ClaimStateMachine.Name(claim.Status), evidenceLink, claim.EvidenceToken));
    }
}
