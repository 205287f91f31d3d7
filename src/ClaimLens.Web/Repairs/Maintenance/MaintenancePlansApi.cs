using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Repairs.Maintenance;

/// <summary>Recurring maintenance plans per customer device; their visits are made ahead and routed by day plans.</summary>
public static class MaintenancePlansApi
{
    private const string PhonePurpose = "repair-phone";

    public static RouteGroupBuilder MapMaintenancePlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/maintenance-plans").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", Create).WithName("CreateMaintenancePlan")
            .WithSummary("A visit every intervalMonths from startDate for one device (brand, productType, model, serial) at a customer's address; " +
                "the visits within the look-ahead are made at once, later ones by the scheduler.");
        group.MapGet("/{id:guid}", Get).WithName("GetMaintenancePlan").WithSummary("A plan and the dates of the visits made so far.");
        return group;
    }

    public static async Task<Results<Created<MaintenancePlanDto>, ValidationProblem>> Create(
        MaintenancePlanInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, RegionIndex regions,
        IOptions<RepairsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var brand = v.Required("brand", input.Brand, 64);
        var productType = v.Required("productType", input.ProductType, 64);
        var name = v.Required("name", input.Name, 100);
        if (input.Model is { Length: > 100 })
            v.Add("model", "model is longer than 100 characters");
        if (input.SerialNumber is { Length: > 64 })
            v.Add("serialNumber", "serialNumber is longer than 64 characters");
        var phone = PersonalData.NormalizePhone(input.Phone);
        if (phone is null)
            v.Add("phone", "phone must be a mainland mobile number (11 digits starting with 1)");
        var codes = AddressCheck.Resolve(regions, input.Address, v);
        var street = input.Address is null ? null : v.Required("address.street", input.Address.Street, 300);
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        if (input.IntervalMonths is not (>= 1 and <= 60))
            v.Add("intervalMonths", "intervalMonths must be between 1 and 60");
        if (input.StartDate is null)
            v.Add("startDate", "startDate is required (yyyy-MM-dd)");
        var windowStart = input.WindowStart ?? new TimeOnly(9, 0);
        var windowEnd = input.WindowEnd ?? new TimeOnly(17, 0);
        if (windowEnd <= windowStart)
            v.Add("windowEnd", "windowEnd must be after windowStart");
        var minutes = input.ServiceMinutes ?? 60;
        if (minutes is < 5 or > 480)
            v.Add("serviceMinutes", "serviceMinutes must be between 5 and 480");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        var (_, city, county, town) = codes!.Value;
        var plan = new MaintenancePlan
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Brand = brand!, ProductType = productType!, Model = input.Model?.Trim(),
            SerialNumber = input.SerialNumber?.Trim(), CityCode = city, CountyCode = county, TownCode = town, StreetProtected = personal.Protect(street!),
            NameProtected = personal.Protect(name!), PhoneProtected = personal.Protect(phone!), PhoneIndex = personal.BlindIndex(PhonePurpose, phone!),
            Latitude = input.Latitude, Longitude = input.Longitude, IntervalMonths = input.IntervalMonths!.Value, StartDate = input.StartDate!.Value,
            WindowStart = windowStart, WindowEnd = windowEnd, ServiceMinutes = minutes, CreatedAt = now,
        };
        db.MaintenancePlans.Add(plan);
        db.Append(time, caller.Actor, "maintenance_plan.created", "maintenance_plan", plan.Id, merchant,
            new { plan.Brand, plan.ProductType, plan.TownCode, plan.IntervalMonths, plan.StartDate });
        await db.SaveChangesAsync(cancellationToken);
        await MaintenanceScheduler.RunAsync(db, options.Value, time, plan.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/maintenance-plans/{plan.Id}", await DtoAsync(db, plan, cancellationToken));
    }

    public static async Task<Results<Ok<MaintenancePlanDto>, NotFound>> Get(Guid id, HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var plan = await db.MaintenancePlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.MerchantId == merchant, cancellationToken);
        return plan is null ? TypedResults.NotFound() : TypedResults.Ok(await DtoAsync(db, plan, cancellationToken));
    }

    private static async Task<MaintenancePlanDto> DtoAsync(ClaimLensDbContext db, MaintenancePlan plan, CancellationToken cancellationToken)
    {
        var visits = await db.MaintenanceVisits.AsNoTracking().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Date).Select(v => v.Date).ToListAsync(cancellationToken);
        return new MaintenancePlanDto(plan.Id, plan.Brand, plan.ProductType, plan.Model, plan.TownCode, plan.IntervalMonths, plan.StartDate,
            plan.WindowStart, plan.WindowEnd, plan.ServiceMinutes, visits);
    }
}
