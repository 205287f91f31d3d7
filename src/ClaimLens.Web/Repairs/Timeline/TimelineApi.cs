using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Timeline;

/// <summary>A request's communication log: calls, messages and visit notes added by people, merged with the system's
/// own events (offers, acceptance, moves, warranty links, follow-ups) read from the audit chain.</summary>
public static class TimelineApi
{
    public static RouteGroupBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/requests/{id:guid}/timeline").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", Add).WithName("AddRepairTimelineEntry").WithSummary("Log a call or message (inbound/outbound) or a visit note on a request.");
        group.MapGet("/", List).WithName("GetRepairTimeline").WithSummary("The request's calls, messages, notes and status changes, oldest first.");
        return group;
    }

    public static async Task<Results<Created<TimelineItemDto>, NotFound, ValidationProblem>> Add(
        Guid id, TimelineInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        if (input.Kind is not ("call" or "message" or "visit_note"))
            v.Add("kind", "kind must be call, message or visit_note");
        if (input.Kind is "call" or "message" && input.Direction is not ("inbound" or "outbound"))
            v.Add("direction", "direction must be inbound or outbound for a call or message");
        if (input.Kind is "visit_note" && input.Direction is not null)
            v.Add("direction", "a visit note has no direction");
        var text = v.Required("text", input.Text, 2000);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        if (!await db.ServiceRequests.AnyAsync(r => r.Id == id && r.MerchantId == merchant, cancellationToken))
            return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var entry = new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, RequestId = id, At = now, Kind = input.Kind!, Direction = input.Direction,
            Author = caller.Actor, TextProtected = personal.Protect(text!),
        };
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/requests/{id}/timeline", new TimelineItemDto(entry.At, entry.Kind, entry.Direction, entry.Author, text, null, null));
    }

    public static async Task<Results<Ok<List<TimelineItemDto>>, NotFound>> List(
        Guid id, HttpContext http, ClaimLensDbContext db, PersonalData personal, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        if (!await db.ServiceRequests.AnyAsync(r => r.Id == id && r.MerchantId == merchant, cancellationToken))
            return TypedResults.NotFound();
        var entries = await db.Set<TimelineEntry>().AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.At).Take(1000).ToListAsync(cancellationToken);
        var subject = id.ToString();
        // Audit entries name no personal data (intake audits codes, never names or phones), so they can be shown as they are.
        var events = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectType == "service_request" && a.SubjectId == subject && a.MerchantId == merchant)
            .OrderBy(a => a.Seq).Take(1000).ToListAsync(cancellationToken);
        var items = entries.Select(e => new TimelineItemDto(e.At, e.Kind, e.Direction, e.Author, personal.Unprotect(e.TextProtected), null, null))
            .Concat(events.Select(a => new TimelineItemDto(a.At, "system", null, a.Actor, null, a.Action, a.Data)))
            .OrderBy(i => i.At).ToList();
        return TypedResults.Ok(items);
    }
}
