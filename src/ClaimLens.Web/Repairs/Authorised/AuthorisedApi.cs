using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>Authorised service check: a tenant records the brands it may service and its official numbers; anyone may ask
/// whether a number belongs to a tenant authorised for a brand, so a customer can tell a real service desk from a fake
/// "official hotline" (anonymous, rate-limited per IP).</summary>
public static class AuthorisedApi
{
    public static WebApplication MapAuthorisedApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tenant = app.MapGroup("/api/v1/repairs/authorisation").WithTags("Repairs").RequireAuthorization(Policies.Merchant);
        tenant.MapPut("/", Replace).WithName("ReplaceAuthorisation").WithSummary("Replace the tenant's authorised brands and official phone numbers.");
        tenant.MapGet("/", Get).WithName("GetAuthorisation").WithSummary("The tenant's authorised brands and official phone numbers.");
        app.MapGet("/api/v1/public/authorised", Check).WithTags("Public").AllowAnonymous().RequireRateLimiting(AuthorisedCheckOptions.Policy)
            .WithName("CheckAuthorisedService")
            .WithSummary("Is this phone number a service desk authorised for this brand? Yes/no with the tenant's name; rate-limited per IP (429).");
        return app;
    }

    /// <summary>Digits of a phone number without spaces, dashes or a +86 / 0086 prefix; null when not 5–15 digits.</summary>
    public static string? NormalizeNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40)
            return null;
        if (number.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')))
            return null;
        var digits = string.Concat(number.Where(char.IsAsciiDigit));
        if (digits.StartsWith("0086", StringComparison.Ordinal))
            digits = digits[4..];
        else if (number.TrimStart().StartsWith('+') && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..];
        return digits.Length is >= 5 and <= 15 ? digits : null;
    }

    public static async Task<Results<Ok<AuthorisationDto>, ValidationProblem>> Replace(
        AuthorisationInput input, HttpContext http, ClaimLensDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var brands = input.Brands ?? [];
        var phones = input.Phones ?? [];
        if (brands.Count > 200)
            v.Add("brands", "at most 200 brands");
        if (phones.Count > 200)
            v.Add("phones", "at most 200 numbers");
        for (var i = 0; i < Math.Min(brands.Count, 200); i++)
            v.Required($"brands[{i}]", brands[i], 64);
        var numbers = new List<string?>();
        for (var i = 0; i < Math.Min(phones.Count, 200); i++)
        {
            var number = NormalizeNumber(phones[i]?.Number);
            if (number is null)
                v.Add($"phones[{i}].number", "number must be 5–15 digits (spaces, dashes, brackets and a +86 prefix allowed)");
            v.Required($"phones[{i}].label", phones[i]?.Label, 100);
            numbers.Add(number);
        }
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        db.RemoveRange(await db.Set<AuthorisedBrand>().Where(b => b.MerchantId == merchant).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<OfficialPhone>().Where(p => p.MerchantId == merchant).ToListAsync(cancellationToken));
        foreach (var brand in brands.Select(b => b.Trim()).DistinctBy(Key))
            db.Add(new AuthorisedBrand { Id = Guid.CreateVersion7(now), MerchantId = merchant, Brand = brand, BrandKey = Key(brand), CreatedAt = now });
        var kept = phones.Select((p, i) => (Number: numbers[i]!, Label: p.Label!.Trim())).DistinctBy(p => p.Number).ToList();
        foreach (var (number, label) in kept)
            db.Add(new OfficialPhone { Id = Guid.CreateVersion7(now), MerchantId = merchant, Number = number, Label = label, CreatedAt = now });
        db.Append(time, caller.Actor, "authorisation.replaced", "merchant", merchant, merchant, new { brands = brands.Count, phones = kept.Count });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AuthorisationDto(brands.Select(b => b.Trim()).DistinctBy(Key).ToList(), kept.Select(p => new OfficialPhoneInput(p.Number, p.Label)).ToList()));
    }

    public static async Task<Ok<AuthorisationDto>> Get(HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var brands = await db.Set<AuthorisedBrand>().AsNoTracking().Where(b => b.MerchantId == merchant).OrderBy(b => b.Brand).Select(b => b.Brand).ToListAsync(cancellationToken);
        var phones = await db.Set<OfficialPhone>().AsNoTracking().Where(p => p.MerchantId == merchant).OrderBy(p => p.Number)
            .Select(p => new OfficialPhoneInput(p.Number, p.Label)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuthorisationDto(brands, phones));
    }

    public static async Task<Results<Ok<AuthorisedAnswer>, ValidationProblem>> Check(
        string? phone, string? brand, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var answer = await AnswerAsync(phone, brand, db, v, cancellationToken);
        return answer is null ? TypedResults.ValidationProblem(v.ToDictionary()) : TypedResults.Ok(answer);
    }

    /// <summary>The answer to "is this number an authorised desk for this brand", or null with the bad fields added to <paramref name="v"/>
    /// (<c>phone</c>, <c>brand</c>). The API and the public page both ask here.</summary>
    public static async Task<AuthorisedAnswer?> AnswerAsync(string? phone, string? brand, ClaimLensDbContext db, Validation v, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(v);
        var number = NormalizeNumber(phone);
        if (number is null)
            v.Add("phone", "phone must be 5–15 digits (spaces, dashes, brackets and a +86 prefix allowed)");
        var name = v.Required("brand", brand, 64);
        if (!v.IsValid)
            return null;
        var key = Key(name!);
        var owners = await db.Set<OfficialPhone>().AsNoTracking().Where(p => p.Number == number).Select(p => p.MerchantId).Distinct().ToListAsync(cancellationToken);
        var authorised = await db.Set<AuthorisedBrand>().AsNoTracking().Where(b => owners.Contains(b.MerchantId) && b.BrandKey == key)
            .Select(b => b.MerchantId).FirstOrDefaultAsync(cancellationToken);
        if (authorised != Guid.Empty)
        {
            var tenant = await db.Merchants.AsNoTracking().Where(m => m.Id == authorised).Select(m => m.Name).SingleAsync(cancellationToken);
            return new AuthorisedAnswer(number!, name!, true, tenant,
                $"{number} is an official number of {tenant}, authorised to service {name}.", $"{number} 是{tenant}的官方号码，{tenant}是{name}的授权服务商。");
        }
        if (owners.Count > 0)
        {
            var tenant = await db.Merchants.AsNoTracking().Where(m => m.Id == owners[0]).Select(m => m.Name).SingleAsync(cancellationToken);
            return new AuthorisedAnswer(number!, name!, false, tenant,
                $"{number} belongs to {tenant}, which is not authorised to service {name}.", $"{number} 属于{tenant}，但{tenant}不是{name}的授权服务商。");
        }
        return new AuthorisedAnswer(number!, name!, false, null,
            $"{number} is not the number of any authorised service desk here; be careful with \"official hotlines\" found by search engines.",
            $"{number} 不是本平台任何授权服务商的号码；请警惕搜索引擎上的“官方客服热线”。");
    }

    private static string Key(string brand) => brand.Trim().ToUpperInvariant();
}
