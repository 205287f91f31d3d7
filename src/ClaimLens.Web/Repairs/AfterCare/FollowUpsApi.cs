using System.Buffers.Text;
using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Repairs.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>Follow-up after a completed job: the tenant's list of tasks due, an agent's call record, and the customer's
/// one-time anonymous survey answer through the link's token.</summary>
public static class FollowUpsApi
{
    /// <summary>Local time of day the follow-up is due, the day after completion.</summary>
    public static readonly TimeOnly DueTime = new(10, 0);

    public static RouteGroupBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs").WithTags("Repairs");
        group.MapGet("/follow-ups", List).RequireAuthorization(Policies.Merchant).WithName("ListFollowUps")
            .WithSummary("Open follow-ups due by the end of the given local date (default today), oldest first, with their survey links.");
        group.MapPost("/follow-ups/{id:guid}", Answer).RequireAuthorization(Policies.Merchant).WithName("AnswerFollowUp")
            .WithSummary("Record the follow-up: channel call or survey, satisfaction 1–5, comment; 409 when already answered.");
        group.MapPost("/surveys/{token}", Survey).AllowAnonymous().WithName("AnswerSurvey")
            .WithSummary("The customer's survey answer (anonymous, through the link's token): satisfaction 1–5 and a comment; one answer only (409 after).");
        return group;
    }

    /// <summary>The follow-up of a job completed at <paramref name="now"/> (added to the context, not saved).</summary>
    public static FollowUp Schedule(ClaimLensDbContext db, ServiceRequest request, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var due = DayPlanApi.LocalMidnight(today.AddDays(1), zone) + DueTime.ToTimeSpan();
        var followUp = new FollowUp
        {
            Id = Guid.CreateVersion7(now), MerchantId = request.MerchantId, RequestId = request.Id, TechnicianId = request.TechnicianId, DueAt = due,
            SurveyToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), CreatedAt = now,
        };
        db.FollowUps.Add(followUp);
        return followUp;
    }

    public static async Task<Results<Ok<List<FollowUpDto>>, ValidationProblem>> List(
        DateOnly? due, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var zone = await ZoneAsync(db, merchant, cancellationToken);
        var now = time.GetUtcNow();
        var day = due ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var until = DayPlanApi.LocalMidnight(day.AddDays(1), zone);
        var open = await db.FollowUps.AsNoTracking().Where(f => f.MerchantId == merchant && f.AnsweredAt == null && f.DueAt < until)
            .OrderBy(f => f.DueAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.Select(FollowUpDto.From).ToList());
    }

    public static async Task<Results<Ok<FollowUpDto>, NotFound, ValidationProblem>> Answer(
        Guid id, FollowUpInput input, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        return Http(await FollowUpAnswers.CallAsync(db, caller.RequireMerchant(), caller.Actor, id, input, time, cancellationToken));
    }

    public static async Task<Results<Ok<FollowUpDto>, NotFound, ValidationProblem>> Survey(
        string token, FollowUpInput input, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        Http(await FollowUpAnswers.SurveyAsync(db, token, input, time, cancellationToken));

    private static Results<Ok<FollowUpDto>, NotFound, ValidationProblem> Http(FollowUpAnswer answer) => answer.Outcome switch
    {
        AnswerOutcome.Recorded => TypedResults.Ok(FollowUpDto.From(answer.FollowUp!)),
        AnswerOutcome.NotFound => TypedResults.NotFound(),
        AnswerOutcome.Invalid => TypedResults.ValidationProblem(answer.Errors),
        _ => throw AlreadyAnswered(),
    };

    private static DeskProblemException AlreadyAnswered() =>
        new(StatusCodes.Status409Conflict, "Already answered", "this follow-up has been answered; an answer is given once");

    internal static async Task<TimeZoneInfo> ZoneAsync(ClaimLensDbContext db, Guid merchant, CancellationToken cancellationToken) =>
        DispatchIndex.Zone(await db.Merchants.AsNoTracking().Where(m => m.Id == merchant).Select(m => m.Settings.TimeZone).SingleOrDefaultAsync(cancellationToken));
}
