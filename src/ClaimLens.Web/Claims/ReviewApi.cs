using ClaimLens.Web.Accounts;
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

        var before = minAgeHours is { } hours ? time.GetUtcNow() - TimeSpan.FromHours(hours) : (DateTimeOffset?)null;
        var query = ReviewQueue.Filtered(db, caller, new ReviewQueueFilter(merchant, verdict, before)).AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await ReviewQueue.Items(ReviewQueue.Ordered(query).Skip(offset ?? 0).Take(limit ?? 50)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReviewQueuePage(total, items));
    }

    public static async Task<Results<Ok<DecisionResult>, NotFound, ValidationProblem>> Decide(
        Guid id, DecisionRequest request, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await ClaimDecisions.DecideAsync(db, time, Caller.From(http.User), id, request, cancellationToken);
        if (outcome.IsNotFound)
            return TypedResults.NotFound();
        if (outcome.Errors is { } errors)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(outcome.Result!);
    }
}
