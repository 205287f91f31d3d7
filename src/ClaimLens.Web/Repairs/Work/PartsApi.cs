using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>A tenant's parts catalogue: add or update a part by its code, list the parts.</summary>
public static class PartsApi
{
    public const int MaxParts = 5000;

    public static RouteGroupBuilder MapPartsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/parts").WithTags("Repairs");
        group.MapPost("/", Save).WithName("SaveRepairPart").RequireAuthorization(Policies.Merchant)
            .WithSummary("Add a part (code, name, brands, priceFen, active), or update the part with that code.");
        group.MapGet("/", List).WithName("ListRepairParts").RequireAuthorization(Policies.RepairJob)
            .WithSummary("The tenant's parts by code; technicians see the active ones.");
        return group;
    }

    public static async Task<Results<Ok<PartDto>, Created<PartDto>, ValidationProblem>> Save(
        PartInput input, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var code = v.Required("code", input.Code, 40);
        if (code is not null && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            v.Add("code", "code may hold letters, digits, '-', '_' and '.' only");
        var name = v.Required("name", input.Name, 200);
        var brands = (input.Brands ?? []).Select(b => b?.Trim() ?? "").ToList();
        if (brands.Count > 20 || brands.Any(b => b.Length is 0 or > 64))
            v.Add("brands", "at most 20 brands of 1 to 64 characters");
        if (input.PriceFen is not { } price || price < 0 || price > 100_000_000)
            v.Add("priceFen", "priceFen is required: the price in fen, 0 to 100000000");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        var part = await db.Parts.SingleOrDefaultAsync(p => p.MerchantId == merchant && p.Code == code, cancellationToken);
        var created = part is null;
        if (part is null)
        {
            if (await db.Parts.CountAsync(p => p.MerchantId == merchant, cancellationToken) >= MaxParts)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"the catalogue holds at most {MaxParts} parts"] });
            part = new Part { Id = Guid.CreateVersion7(now), MerchantId = merchant, Code = code!, Name = name!, CreatedAt = now };
            db.Parts.Add(part);
        }
        part.Name = name!;
        part.Brands = brands.Distinct(StringComparer.Ordinal).ToList();
        part.PriceFen = input.PriceFen!.Value;
        part.Active = input.Active ?? true;
        db.Append(time, caller.Actor, created ? "part.created" : "part.updated", "part", part.Id, merchant, new { part.Code, part.PriceFen, part.Active });
        await db.SaveChangesAsync(cancellationToken);
        return created ? TypedResults.Created($"/api/v1/repairs/parts/{part.Id}", PartDto.From(part)) : TypedResults.Ok(PartDto.From(part));
    }

    public static async Task<Ok<List<PartDto>>> List(HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var parts = db.Parts.AsNoTracking().Where(p => p.MerchantId == merchant);
        if (caller.Role == Role.Technician)
            parts = parts.Where(p => p.Active);
        var list = await parts.OrderBy(p => p.Code).Take(MaxParts).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(PartDto.From).ToList());
    }
}
