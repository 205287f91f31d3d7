using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>A tenant gives one of its technicians a sign-in for the phone pages (role Technician, bound to the tenant
/// and the technician). Asking again gives the same account a new password (a lost phone, a forgotten password).</summary>
public static class TechnicianLogins
{
    public static IEndpointRouteBuilder MapTechnicianLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/repairs/technicians/{id:guid}/login", Issue).WithName("IssueTechnicianLogin").WithTags("Repairs")
            .RequireAuthorization(Policies.Merchant)
            .WithSummary("Create the technician's sign-in (or give it a new password); the password is returned once.");
        return app;
    }

    public static async Task<Results<Ok<TechnicianLogin>, NotFound, ValidationProblem>> Issue(
        Guid id, TechnicianLoginInput? input, HttpContext http, ClaimLensDbContext db, UserManager<DeskUser> users, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var technician = await db.Technicians.AsNoTracking().Where(t => t.Id == id && t.MerchantId == merchant)
            .Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(cancellationToken);
        if (technician is null)
            return TypedResults.NotFound();
        var password = DeskUsers.NewPassword();
        var existing = await users.Users.SingleOrDefaultAsync(u => u.TechnicianId == id, cancellationToken);
        IdentityResult result;
        DeskUser user;
        if (existing is not null)
        {
            user = existing;
            await users.RemovePasswordAsync(user);
            result = await users.AddPasswordAsync(user, password);
            if (result.Succeeded)
                await users.UpdateSecurityStampAsync(user); // signs the lost phone out
        }
        else
        {
            var userName = input?.UserName?.Trim() is { Length: > 0 } wanted ? wanted : $"tech-{id.ToString("N")[^8..]}";
            if (userName.Length > 64)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["userName is longer than 64 characters"] });
            var now = time.GetUtcNow();
            user = new DeskUser
            {
                Id = Guid.CreateVersion7(now), UserName = userName, DisplayName = technician.Name, MerchantId = merchant, TechnicianId = id, CreatedAt = now,
            };
            result = await users.CreateAsync(user, password);
            if (result.Succeeded)
                result = await users.AddToRoleAsync(user, nameof(Role.Technician));
        }
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [DeskUsers.Describe(result)] });
        db.Append(time, caller.Actor, existing is null ? "technician.login_created" : "technician.login_reset", "technician", id, merchant,
            new { userName = user.UserName });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TechnicianLogin(id, user.UserName!, password, existing is null));
    }
}
