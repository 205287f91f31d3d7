using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs;

/// <summary>Repair intake (API of a service tenant: the merchant key), reading requests, lookup by phone, and the
/// audited reveal of a customer's full phone number.</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRepairRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/requests").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", Create).WithName("CreateRepairRequest")
            .WithSummary("File a repair request (brand, productType, fault, address down to the town, name, phone, windows, channel); dispatched at once.");
        group.MapGet("/{id:guid}", Get).WithName("GetRepairRequest").WithSummary("A request with its status, response target and current offer; the phone masked.");
        group.MapGet("/", FindByPhone).WithName("FindRepairRequestsByPhone").WithSummary("The tenant's requests from one phone number (looked up by keyed hash).");
        group.MapPost("/{id:guid}/phone-reveal", RevealPhone).WithName("RevealRepairPhone")
            .WithSummary("The customer's full phone number; the reveal is written to the audit log with who and why.");
        return group;
    }

    public static async Task<Results<Created<ServiceRequestDto>, ValidationProblem>> Create(
        ServiceRequestInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
        IOptions<RepairsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var caller = Caller.From(http.User);
        var filed = await RepairIntake.FileAsync(input, caller.RequireMerchant(), caller.Actor, db, personal, regions, index, options.Value, time, cancellationToken);
        if (filed.Errors is { } errors)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/repairs/requests/{filed.Request!.Id}", ServiceRequestDto.From(filed.Request, personal, regions, filed.Offer));
    }

    public static async Task<Results<Ok<ServiceRequestDto>, NotFound>> Get(
        Guid id, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var request = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.MerchantId == merchant, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        var offer = await CurrentOfferAsync(db, id, cancellationToken);
        return TypedResults.Ok(ServiceRequestDto.From(request, personal, regions, offer));
    }

    public static async Task<Results<Ok<List<ServiceRequestDto>>, ValidationProblem>> FindByPhone(
        string? phone, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var normalized = PersonalData.NormalizePhone(phone);
        if (normalized is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["phone"] = ["phone must be a mainland mobile number"] });
        var key = RepairIntake.PhoneKey(personal, normalized);
        var found = await db.ServiceRequests.AsNoTracking().Where(r => r.MerchantId == merchant && r.PhoneIndex == key)
            .OrderByDescending(r => r.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.Select(r => ServiceRequestDto.From(r, personal, regions, null)).ToList());
    }

    public static Task<Results<Ok<RevealedPhone>, NotFound, ValidationProblem>> RevealPhone(
        Guid id, RevealInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, TimeProvider time, CancellationToken cancellationToken) =>
        PhoneReveal.RevealAsync(input, Caller.From(http.User), db, personal, time, "repair.phone_revealed", "service_request",
            async merchant => await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id && r.MerchantId == merchant)
                .Select(r => new { r.Id, r.PhoneProtected }).SingleOrDefaultAsync(cancellationToken) is { } request
                ? (request.Id, request.PhoneProtected) : null, cancellationToken);

    internal static async Task<DispatchOffer?> CurrentOfferAsync(ClaimLensDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        await db.DispatchOffers.AsNoTracking().Where(o => o.RequestId == requestId && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Accepted))
            .OrderByDescending(o => o.OfferedAt).FirstOrDefaultAsync(cancellationToken);

    internal static void CheckPosition(Validation v, double? latitude, double? longitude)
    {
        if (latitude is null != longitude is null)
            v.Add("latitude", "latitude and longitude come together");
        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
            v.Add("latitude", "latitude must be between -90 and 90");
        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
            v.Add("longitude", "longitude must be between -180 and 180");
    }
}
