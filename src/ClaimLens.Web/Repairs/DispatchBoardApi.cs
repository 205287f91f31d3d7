using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs;

/// <summary>The dispatcher's board (requests about to miss the response target) and the override of an assignment.</summary>
public static class DispatchBoardApi
{
    public static RouteGroupBuilder MapDispatchBoardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapGet("/board", Board).WithName("DispatchBoard")
            .WithSummary("Requests not yet accepted whose response target falls within withinMinutes (default from settings) or has passed, soonest first.");
        group.MapPost("/requests/{id:guid}/assignment", Override).WithName("OverrideRepairAssignment")
            .WithSummary("A dispatcher gives the job to a technician of their choice (until the technician is on site); the offer does not lapse.");
        return group;
    }

    public static async Task<Ok<List<BoardItem>>> Board(
        int? withinMinutes, HttpContext http, ClaimLensDbContext db, RegionIndex regions, IOptions<RepairsOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var now = time.GetUtcNow();
        var within = withinMinutes is { } m ? TimeSpan.FromMinutes(Math.Clamp(m, 0, 24 * 60)) : options.Value.AtRiskWithin;
        var horizon = now + within;
        RepairStatus[] waiting = [RepairStatus.Requested, RepairStatus.Assigned];
        var requests = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.MerchantId == merchant && waiting.Contains(r.Status) && r.ResponseDueAt <= horizon)
            .OrderBy(r => r.ResponseDueAt).Take(200).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).ToList();
        var offers = await db.DispatchOffers.AsNoTracking().Where(o => ids.Contains(o.RequestId)).ToListAsync(cancellationToken);
        var items = requests.Select(r =>
        {
            var mine = offers.Where(o => o.RequestId == r.Id).ToList();
            var open = mine.FirstOrDefault(o => o.Status == OfferStatus.Open);
            var names = regions.TryFind(r.TownCode, out var town) ? string.Concat(regions.Chain(town).Select(regions.Name)) : r.TownCode;
            return new BoardItem(r.Id, RepairStateMachine.Name(r.Status), r.Brand, r.ProductType, r.TownCode, names, r.ResponseDueAt,
                Math.Round((r.ResponseDueAt - now).TotalMinutes, 1), ServiceRequestDto.Target(r.ResponseMet), r.TechnicianId, open?.ExpiresAt, mine.Count);
        }).ToList();
        return TypedResults.Ok(items);
    }

    public static async Task<Results<Ok<ServiceRequestDto>, NotFound, ValidationProblem>> Override(
        Guid id, AssignmentInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var reason = v.Required("reason", input.Reason, 500);
        var technician = input.TechnicianId is { } tid
            ? await db.Technicians.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tid && t.MerchantId == merchant, cancellationToken)
            : null;
        if (input.TechnicianId is null)
            v.Add("technicianId", "technicianId is required");
        else if (technician is null)
            v.Add("technicianId", $"no technician {input.TechnicianId}");
        else if (!technician.Active)
            v.Add("technicianId", "the technician is not active");
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id && r.MerchantId == merchant, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        var previous = request.TechnicianId;
        var from = RepairStateMachine.Fire(request, RepairTrigger.Override, now);
        await foreach (var held in db.DispatchOffers.Where(o => o.RequestId == id && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Accepted))
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            held.Status = OfferStatus.Withdrawn;
            held.ClosedAt = now;
        }
        var offer = new DispatchOffer
        {
            Id = Guid.CreateVersion7(now), RequestId = id, MerchantId = merchant, TechnicianId = technician!.Id, Status = OfferStatus.Open,
            OfferedAt = now, ExpiresAt = null, OfferedBy = caller.Actor,
        };
        db.DispatchOffers.Add(offer);
        request.TechnicianId = technician.Id;
        request.AcceptedAt = null;
        db.Append(time, caller.Actor, "repair.assignment_overridden", "service_request", id, merchant,
            new { from = RepairStateMachine.Name(from), previous, technician = technician.Id, reason });
        await JobsApi.SaveAsync(db, cancellationToken);
        await index.RefreshLoadsAsync(db, merchant, [previous, technician.Id], cancellationToken);
        return TypedResults.Ok(ServiceRequestDto.From(request, personal, regions, offer));
    }
}
