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
    private const string PhonePurpose = "repair-phone";

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
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var now = time.GetUtcNow();
        var v = new Validation();
        var brand = v.Required("brand", input.Brand, 64);
        var productType = v.Required("productType", input.ProductType, 64);
        var fault = v.Required("fault", input.Fault, 2000);
        var name = v.Required("name", input.Name, 100);
        if (input.Model is { Length: > 100 })
            v.Add("model", "model is longer than 100 characters");
        var faultType = string.IsNullOrWhiteSpace(input.FaultType) ? "general" : input.FaultType.Trim().ToLowerInvariant();
        if (faultType.Length > 40 || !faultType.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            v.Add("faultType", "faultType is a short code of letters, digits, _ and - (at most 40)");
        if (input.SerialNumber is { Length: > 64 })
            v.Add("serialNumber", "serialNumber is longer than 64 characters");
        var phone = PersonalData.NormalizePhone(input.Phone);
        if (phone is null)
            v.Add("phone", string.IsNullOrWhiteSpace(input.Phone) ? "phone is required" : $"\"{Masked(input.Phone)}\" is not a mainland mobile number (11 digits starting with 1)");
        var codes = AddressCheck.Resolve(regions, input.Address, v);
        var street = input.Address is null ? null : v.Required("address.street", input.Address.Street, 300);
        var channel = input.Channel switch
        {
            "online" => RequestChannel.Online,
            "agent" => RequestChannel.Agent,
            "partner" => RequestChannel.Partner,
            _ => (RequestChannel?)null,
        };
        if (channel is null)
            v.Add("channel", "channel must be online, agent or partner");
        CheckPosition(v, input.Latitude, input.Longitude);
        var windows = input.PreferredWindows ?? [];
        if (windows.Count > 10)
            v.Add("preferredWindows", "at most 10 preferred windows");
        for (var i = 0; i < Math.Min(windows.Count, 10); i++)
        {
            if (windows[i].To <= windows[i].From)
                v.Add($"preferredWindows[{i}]", "the window ends before it starts");
            else if (windows[i].To <= now)
                v.Add($"preferredWindows[{i}]", "the window is in the past");
        }
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var (province, city, county, town) = codes!.Value;
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Brand = brand!, ProductType = productType!, Model = input.Model?.Trim(), Fault = fault!,
            ProvinceCode = province, CityCode = city, CountyCode = county, TownCode = town, StreetProtected = personal.Protect(street!),
            NameProtected = personal.Protect(name!), PhoneProtected = personal.Protect(phone!), PhoneIndex = personal.BlindIndex(PhonePurpose, phone!),
            Latitude = input.Latitude, Longitude = input.Longitude, Channel = channel!.Value, Status = RepairStatus.Requested,
            PreferredWindows = windows.Select(w => new TimeWindow { From = w.From.ToUniversalTime(), To = w.To.ToUniversalTime() }).ToList(),
            CreatedAt = now, UpdatedAt = now, ResponseDueAt = now + options.Value.ResponseTarget,
            FaultType = faultType, SerialNumber = string.IsNullOrWhiteSpace(input.SerialNumber) ? null : input.SerialNumber.Trim(),
        };
        request.DeviceIndex = Warranty.DeviceIndex(personal, brand!, request.Model, request.SerialNumber, phone!, town, street!);
        db.ServiceRequests.Add(request);
        var rebuild = await LinkWarrantyAsync(db, request, caller.Actor, time, cancellationToken);
        // What is audited names no personal data: the codes and the product, never the name, phone or street.
        db.Append(time, caller.Actor, "repair.requested", "service_request", request.Id, merchant,
            new { brand, productType, town, channel = input.Channel, request.ResponseDueAt });
        var offer = await Dispatcher.OfferNextAsync(db, index, options.Value, request, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (rebuild)
            await index.RebuildAsync(db, merchant, cancellationToken);
        else
            await index.RefreshLoadsAsync(db, merchant, [request.TechnicianId], cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/requests/{request.Id}", ServiceRequestDto.From(request, personal, regions, offer));
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
        var key = personal.BlindIndex(PhonePurpose, normalized);
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

    /// <summary>Links a request inside an earlier job's warranty to that job, marks it free, and counts a re-repair
    /// against the technician who did the job; true when a technician's re-repair rate changed.</summary>
    private static async Task<bool> LinkWarrantyAsync(ClaimLensDbContext db, ServiceRequest request, string actor, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var first = await Warranty.FindCoveringAsync(db, request.MerchantId, request.DeviceIndex, request.FaultType, request.CreatedAt, cancellationToken);
        if (first is null)
            return false;
        request.WarrantyOfRequestId = first.Id;
        request.Free = true;
        var technician = first.TechnicianId is { } t ? await db.Technicians.FindAsync([t], cancellationToken) : null;
        if (technician is not null)
            technician.ReRepairs++;
        db.Append(time, actor, "repair.warranty_linked", "service_request", request.Id, request.MerchantId,
            new { warrantyOf = first.Id, technician = first.TechnicianId, first.WarrantyUntil });
        return technician is not null;
    }

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

    // An error message must not echo a customer's number back into logs whole.
    private static string Masked(string value) => value.Length > 40 ? value[..40] + "…" : PersonalData.MaskPhone(value);
}
