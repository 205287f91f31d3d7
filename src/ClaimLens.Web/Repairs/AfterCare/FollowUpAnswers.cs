using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>The one way a follow-up is answered: the agent's call record and the customer's survey, from the API and
/// from the pages alike. Checks the input, answers once (the version token settles a call and a survey arriving
/// together), writes the audit entry.</summary>
public static class FollowUpAnswers
{
    private static readonly Dictionary<string, string[]> None = [];

    /// <summary>Records an agent's answer (channel call or survey) to a follow-up of <paramref name="merchant"/>.</summary>
    public static async Task<FollowUpAnswer> CallAsync(ClaimLensDbContext db, Guid merchant, string actor, Guid id, FollowUpInput input,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var v = Check(input, requireChannel: true);
        if (!v.IsValid)
            return new FollowUpAnswer(AnswerOutcome.Invalid, null, v.ToDictionary());
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == id && f.MerchantId == merchant, cancellationToken);
        if (followUp is null)
            return new FollowUpAnswer(AnswerOutcome.NotFound, null, None);
        return await RecordAsync(db, followUp, input.Channel!, input, actor, time, cancellationToken);
    }

    /// <summary>Records the customer's anonymous survey answer through the link's token.</summary>
    public static async Task<FollowUpAnswer> SurveyAsync(ClaimLensDbContext db, string token, FollowUpInput input, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var v = Check(input, requireChannel: false);
        if (!v.IsValid)
            return new FollowUpAnswer(AnswerOutcome.Invalid, null, v.ToDictionary());
        var followUp = IsToken(token) ? await db.FollowUps.SingleOrDefaultAsync(f => f.SurveyToken == token, cancellationToken) : null;
        if (followUp is null)
            return new FollowUpAnswer(AnswerOutcome.NotFound, null, None);
        return await RecordAsync(db, followUp, "survey", input, "survey", time, cancellationToken);
    }

    /// <summary>Tokens are 32 URL-safe characters; anything longer is not looked up.</summary>
    public static bool IsToken(string? token) => token is { Length: > 0 and <= 64 };

    private static Validation Check(FollowUpInput input, bool requireChannel)
    {
        var v = new Validation();
        if (requireChannel && input.Channel is not ("call" or "survey"))
            v.Add("channel", "channel must be call or survey");
        if (input.Satisfaction is not (>= 1 and <= 5))
            v.Add("satisfaction", "satisfaction must be a whole number from 1 to 5");
        if (input.Comment is { Length: > 2000 })
            v.Add("comment", "comment is longer than 2000 characters");
        return v;
    }

    private static async Task<FollowUpAnswer> RecordAsync(ClaimLensDbContext db, FollowUp followUp, string channel, FollowUpInput input, string actor,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (followUp.AnsweredAt is not null)
            return new FollowUpAnswer(AnswerOutcome.AlreadyAnswered, followUp, None);
        var now = time.GetUtcNow();
        followUp.Channel = channel;
        followUp.Satisfaction = input.Satisfaction;
        followUp.Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        followUp.AnsweredAt = now;
        followUp.AnsweredBy = actor;
        followUp.Version++;
        db.Append(time, actor, "repair.followed_up", "service_request", followUp.RequestId, followUp.MerchantId,
            new { followUp = followUp.Id, channel, satisfaction = input.Satisfaction });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new FollowUpAnswer(AnswerOutcome.Recorded, followUp, None);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var earlier = await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == followUp.Id, cancellationToken);
            return new FollowUpAnswer(AnswerOutcome.AlreadyAnswered, earlier, None);
        }
    }
}
