using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs;

/// <summary>What a technician does with a job: accept or decline the offer, then depart, arrive, wait for parts, complete.
/// Called by the tenant's systems (merchant key, technician named in the body) or by the technician signed in (the
/// technician is then the sign-in's, whatever the body says). The technician's pages call these same handlers.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapRepairJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/requests").WithTags("Repairs").RequireAuthorization(Policies.RepairJob);
        group.MapPost("/{id:guid}/accept", Accept).WithName("AcceptRepairOffer")
            .WithSummary("The technician accepts the job offered to them; 409 when it is no longer offered to them (nothing changes).");
        group.MapPost("/{id:guid}/decline", Decline).WithName("DeclineRepairOffer").WithSummary("The technician declines; the job goes to the next.");
        group.MapPost("/{id:guid}/moves", Move).WithName("MoveRepairJob")
            .WithSummary("depart, arrive (optionally with latitude/longitude: the check-in), await_parts, complete (needs an after photo and the "
                + "customer's signature) or cancel (staff only); refused with 409 when the job's status does not allow it.");
        return group;
    }

    public static async Task<Results<Ok<ServiceRequestDto>, NotFound, ValidationProblem>> Accept(
        Guid id, JobInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        if (JobAccess.ActingTechnician(caller, input.TechnicianId) is not { } technician)
            return TechnicianRequired();
        var (request, offer) = await LoadOfferAsync(db, id, caller, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        var now = time.GetUtcNow();
        if (offer is null || offer.TechnicianId != technician || offer.ExpiresAt <= now)
            throw NotOffered(offer is not null && offer.TechnicianId == technician ? "the offer ran out; the job is passing to the next technician" : null);
        RepairStateMachine.Fire(request, RepairTrigger.Accept, now);
        offer.Status = OfferStatus.Accepted;
        offer.ClosedAt = now;
        request.AcceptedAt = now;
        request.ResponseMet ??= now <= request.ResponseDueAt;
        db.Append(time, caller.Actor, "repair.accepted", "service_request", request.Id, request.MerchantId,
            new { technician = offer.TechnicianId, responseTarget = ServiceRequestDto.Target(request.ResponseMet) });
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(ServiceRequestDto.From(request, personal, regions, offer));
    }

    public static async Task<Results<Ok<ServiceRequestDto>, NotFound, ValidationProblem>> Decline(
        Guid id, JobInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
        IOptions<RepairsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        if (JobAccess.ActingTechnician(caller, input.TechnicianId) is not { } technician)
            return TechnicianRequired();
        var (request, offer) = await LoadOfferAsync(db, id, caller, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        if (offer is null || offer.TechnicianId != technician)
            throw NotOffered(null);
        var now = time.GetUtcNow();
        offer.Status = OfferStatus.Declined;
        offer.ClosedAt = now;
        RepairStateMachine.Fire(request, RepairTrigger.OfferLapsed, now);
        request.TechnicianId = null;
        db.Append(time, caller.Actor, "repair.declined", "service_request", request.Id, request.MerchantId, new { technician = offer.TechnicianId, note = input.Note });
        var next = await Dispatcher.OfferNextAsync(db, index, options.Value, request, time, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await index.RefreshLoadsAsync(db, request.MerchantId, [offer.TechnicianId, request.TechnicianId], cancellationToken);
        return TypedResults.Ok(ServiceRequestDto.From(request, personal, regions, next));
    }

    public static async Task<Results<Ok<ServiceRequestDto>, NotFound, ValidationProblem>> Move(
        Guid id, JobInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
        IOptions<RepairsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var trigger = RepairStateMachine.ParseMove(input.Move);
        if (trigger is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["move"] = ["move must be depart, arrive, await_parts, complete or cancel"] });
        var v = new Validation();
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var request = await JobAccess.Visible(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        if (trigger == RepairTrigger.Cancel && caller.Role == Role.Technician)
            throw new DeskProblemException(StatusCodes.Status403Forbidden, "Technicians do not cancel jobs", "ask the dispatcher to cancel or reassign the job");
        if (trigger != RepairTrigger.Cancel && JobAccess.ActingTechnician(caller, input.TechnicianId) != request.TechnicianId)
            throw new DeskProblemException(StatusCodes.Status409Conflict, "Not this technician's job", "the job is not held by this technician");
        var record = trigger is RepairTrigger.Depart or RepairTrigger.Arrive or RepairTrigger.Complete
            ? await JobRecords.GetOrAddAsync(db, request, time.GetUtcNow(), cancellationToken) : null;
        if (trigger == RepairTrigger.Complete && RepairStateMachine.CanFire(request.Status, trigger.Value))
            await JobRecords.CheckCompleteAsync(db, record!, cancellationToken);
        var now = time.GetUtcNow();
        var from = RepairStateMachine.Fire(request, trigger.Value, now);
        JobRecords.Note(record, trigger.Value, input, now);
        var holder = request.TechnicianId;
        if (trigger == RepairTrigger.Cancel)
        {
            await foreach (var open in db.DispatchOffers.Where(o => o.RequestId == id && o.Status == OfferStatus.Open).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                open.Status = OfferStatus.Withdrawn;
                open.ClosedAt = now;
            }
        }
        if (trigger == RepairTrigger.AwaitParts)
            request.PartsWaits++;
        if (trigger == RepairTrigger.Complete)
        {
            if (holder is { } done && await db.Technicians.FindAsync([done], cancellationToken) is { } technician)
                technician.CompletedJobs++;
            request.CompletedAt = now;
            request.WarrantyUntil = now + Warranty.LengthFor(options.Value, request.Brand, request.FaultType);
            FollowUpsApi.Schedule(db, request, now, await FollowUpsApi.ZoneAsync(db, merchant, cancellationToken));
        }
        db.Append(time, caller.Actor, $"repair.{RepairStateMachine.Name(trigger.Value)}", "service_request", request.Id, merchant,
            new { from = RepairStateMachine.Name(from), to = RepairStateMachine.Name(request.Status), note = input.Note });
        await SaveAsync(db, cancellationToken);
        await index.RefreshLoadsAsync(db, merchant, [holder], cancellationToken);
        return TypedResults.Ok(ServiceRequestDto.From(request, personal, regions, null));
    }

    private static ValidationProblem TechnicianRequired() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["technicianId"] = ["technicianId is required"] });

    internal static DeskProblemException NotOffered(string? detail) =>
        new(StatusCodes.Status409Conflict, "The job is not offered to this technician",
            detail ?? "the job is not (or no longer) offered to this technician; nothing was changed");

    /// <summary>Saves; a concurrent move of the same request (the offer timing out, a dispatcher) becomes a 409.</summary>
    internal static async Task SaveAsync(ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DeskProblemException(StatusCodes.Status409Conflict, "The job changed meanwhile",
                "the request was moved by someone else at the same moment (the offer ran out or a dispatcher reassigned it); nothing was changed");
        }
    }

    private static async Task<(ServiceRequest? Request, DispatchOffer? Offer)> LoadOfferAsync(
        ClaimLensDbContext db, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        var request = await JobAccess.Visible(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return (null, null);
        var offer = await db.DispatchOffers.Where(o => o.RequestId == id && o.Status == OfferStatus.Open)
            .OrderByDescending(o => o.OfferedAt).FirstOrDefaultAsync(cancellationToken);
        return (request, offer);
    }
}
