using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimLens.Web.Accounts;

/// <summary>The one way a full phone number leaves the desk: with a reason, for the caller's own merchant, and only
/// after the reveal is in the audit log (who, why; never the number itself).</summary>
public static class PhoneReveal
{
    /// <param name="find">The record's id and protected phone, or null when the caller's merchant has no such record.</param>
    public static async Task<Results<Ok<RevealedPhone>, NotFound, ValidationProblem>> RevealAsync(
        RevealInput input, Caller caller, ClaimLensDbContext db, PersonalData personal, TimeProvider time,
        string action, string subjectType, Func<Guid, Task<(Guid Id, string PhoneProtected)?>> find, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentNullException.ThrowIfNull(find);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var reason = v.Required("reason", input.Reason, 500);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        if (await find(merchant) is not { } record)
            return TypedResults.NotFound();
        db.Append(time, caller.Actor, action, subjectType, record.Id, merchant, new { reason });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RevealedPhone(personal.Unprotect(record.PhoneProtected)));
    }
}
