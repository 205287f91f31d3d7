using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>A tenant's technicians, their reported positions, service points, and who covers a town.</summary>
public static class TechniciansApi
{
    public static RouteGroupBuilder MapTechniciansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        group.MapPost("/technicians", Create).WithName("CreateTechnician")
            .WithSummary("Add a technician: skills (brand × productType), covered region codes, weekly shifts, capacity, rating.");
        group.MapPut("/technicians/{id:guid}", Update).WithName("UpdateTechnician").WithSummary("Replace a technician's skills, regions, shifts and capacity.");
        group.MapGet("/technicians/{id:guid}", Get).WithName("GetTechnician").WithSummary("One technician.");
        group.MapPut("/technicians/{id:guid}/position", ReportPosition).WithName("ReportTechnicianPosition")
            .WithSummary("The technician's last known position (WGS-84), used for travel estimates.");
        group.MapPost("/service-points", CreateServicePoint).WithName("CreateServicePoint").WithSummary("Add a service point (网点).");
        group.MapGet("/coverage/{townCode}", Coverage).WithName("TownCoverage")
            .WithSummary("Technicians covering a town, falling back to its county, then its city.");
        return group;
    }

    public static async Task<Results<Created<TechnicianDto>, ValidationProblem>> Create(
        TechnicianInput input, HttpContext http, ClaimLensDbContext db, RegionIndex regions, DispatchIndex index, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var now = time.GetUtcNow();
        var technician = new Technician { Id = Guid.CreateVersion7(now), MerchantId = merchant, Name = "", Rating = 4, CreatedAt = now, UpdatedAt = now };
        var v = new Validation();
        await CheckServicePointAsync(db, merchant, input.ServicePointId, v, cancellationToken);
        if (!TechnicianCheck.Apply(input, technician, regions, v))
            return TypedResults.ValidationProblem(v.ToDictionary());
        SetPosition(technician, input.Latitude, input.Longitude, now);
        db.Technicians.Add(technician);
        db.Append(time, caller.Actor, "technician.created", "technician", technician.Id, merchant, new { regions = technician.Regions.Count, skills = technician.Skills.Count });
        await db.SaveChangesAsync(cancellationToken);
        await index.RebuildAsync(db, merchant, cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/technicians/{technician.Id}", TechnicianDto.From(technician));
    }

    public static async Task<Results<Ok<TechnicianDto>, NotFound, ValidationProblem>> Update(
        Guid id, TechnicianInput input, HttpContext http, ClaimLensDbContext db, RegionIndex regions, DispatchIndex index, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == id && t.MerchantId == merchant, cancellationToken);
        if (technician is null)
            return TypedResults.NotFound();
        var v = new Validation();
        await CheckServicePointAsync(db, merchant, input.ServicePointId, v, cancellationToken);
        if (!TechnicianCheck.Apply(input, technician, regions, v))
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        if (input.Latitude is not null)
            SetPosition(technician, input.Latitude, input.Longitude, now);
        technician.UpdatedAt = now;
        db.Append(time, caller.Actor, "technician.updated", "technician", technician.Id, merchant, new { regions = technician.Regions.Count, technician.Active });
        await db.SaveChangesAsync(cancellationToken);
        await index.RebuildAsync(db, merchant, cancellationToken);
        return TypedResults.Ok(TechnicianDto.From(technician));
    }

    public static async Task<Results<Ok<TechnicianDto>, NotFound>> Get(Guid id, HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var technician = await db.Technicians.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.MerchantId == merchant, cancellationToken);
        return technician is null ? TypedResults.NotFound() : TypedResults.Ok(TechnicianDto.From(technician));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> ReportPosition(
        Guid id, PositionInput input, HttpContext http, ClaimLensDbContext db, DispatchIndex index, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var merchant = Caller.From(http.User).RequireMerchant();
        var v = new Validation();
        if (input.Latitude is null || input.Longitude is null)
            v.Add("latitude", "latitude and longitude are required");
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == id && t.MerchantId == merchant, cancellationToken);
        if (technician is null)
            return TypedResults.NotFound();
        SetPosition(technician, input.Latitude, input.Longitude, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        index.UpdatePosition(merchant, id, input.Latitude!.Value, input.Longitude!.Value);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<ServicePoint>, ValidationProblem>> CreateServicePoint(
        ServicePointInput input, HttpContext http, ClaimLensDbContext db, RegionIndex regions, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var name = v.Required("name", input.Name, 200);
        var street = v.Required("street", input.Street, 500);
        if (!regions.TryFind(input.RegionCode?.Trim(), out var region) || regions.Level(region) < RegionLevel.County)
            v.Add("regionCode", $"unknown county or town code \"{input.RegionCode}\"");
        if (input.Phone is { Length: > 30 })
            v.Add("phone", "phone is longer than 30 characters");
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        var point = new ServicePoint
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Name = name!, RegionCode = regions.Code(region), Street = street!,
            Phone = input.Phone?.Trim(), Latitude = input.Latitude, Longitude = input.Longitude, CreatedAt = now,
        };
        db.ServicePoints.Add(point);
        db.Append(time, caller.Actor, "service_point.created", "service_point", point.Id, merchant, new { point.Name, point.RegionCode });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/service-points/{point.Id}", point);
    }

    public static async Task<Results<Ok<CoverageDto>, NotFound>> Coverage(
        string townCode, HttpContext http, ClaimLensDbContext db, DispatchIndex index, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        if (!index.Regions.TryFind(townCode, out var town) || index.Regions.Level(town) != RegionLevel.Town)
            return TypedResults.NotFound();
        var pool = await index.GetAsync(db, merchant, cancellationToken);
        var (level, slots) = pool.CoverageOf(town);
        return TypedResults.Ok(new CoverageDto(townCode, slots.Length == 0 ? "none" : level.ToString().ToLowerInvariant(), slots.Select(pool.IdOf).ToList()));
    }

    private static async Task CheckServicePointAsync(ClaimLensDbContext db, Guid merchant, Guid? point, Validation v, CancellationToken cancellationToken)
    {
        if (point is { } p && !await db.ServicePoints.AnyAsync(s => s.Id == p && s.MerchantId == merchant, cancellationToken))
            v.Add("servicePointId", $"no service point {p}");
    }

    private static void SetPosition(Technician technician, double? latitude, double? longitude, DateTimeOffset now)
    {
        if (latitude is null || longitude is null)
            return;
        technician.Latitude = latitude;
        technician.Longitude = longitude;
        technician.PositionAt = now;
    }
}
