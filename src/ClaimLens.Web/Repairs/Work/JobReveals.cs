using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>What the technician holding a job may see of the customer, and the audit entries that say they did: the
/// street address once they accepted (one entry per technician and job), the full phone number per call.</summary>
public static class JobReveals
{
    public const string AddressAction = "repair.address_revealed";

    /// <summary>The street of a job the technician holds, recording the first reveal to them; null when not theirs to see.</summary>
    public static async Task<string?> AddressAsync(ClaimLensDbContext db, PersonalData personal, TimeProvider time, Caller caller,
        ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!Holds(caller, request))
            return null;
        var subject = request.Id.ToString();
        if (!await db.AuditEntries.AnyAsync(a => a.SubjectType == "service_request" && a.SubjectId == subject && a.Action == AddressAction
                && a.Actor == caller.Actor, cancellationToken))
        {
            db.Append(time, caller.Actor, AddressAction, "service_request", request.Id, request.MerchantId,
                new { technician = caller.TechnicianId, reason = "assigned technician" });
            await db.SaveChangesAsync(cancellationToken);
        }
        return personal.Unprotect(request.StreetProtected);
    }

    /// <summary>The customer's number for the technician's call, through the audited reveal.</summary>
    public static Task<Results<Ok<RevealedPhone>, NotFound, ValidationProblem>> PhoneAsync(ClaimLensDbContext db, PersonalData personal,
        TimeProvider time, Caller caller, Guid requestId, CancellationToken cancellationToken) =>
        PhoneReveal.RevealAsync(new RevealInput("assigned technician calls the customer"), caller, db, personal, time, "repair.phone_revealed",
            "service_request", async merchant => await JobAccess.Visible(db, caller).Where(r => r.Id == requestId)
                .Select(r => new { r.Id, r.PhoneProtected, r.TechnicianId, r.Status }).SingleOrDefaultAsync(cancellationToken) is { } r
                && r.TechnicianId == caller.TechnicianId && IsHeld(r.Status)
                ? (r.Id, r.PhoneProtected) : null, cancellationToken);

    /// <summary>True once the technician accepted the job and until it is closed.</summary>
    public static bool Holds(Caller caller, ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return caller.Role == Role.Technician && request.TechnicianId == caller.TechnicianId && IsHeld(request.Status);
    }

    private static bool IsHeld(RepairStatus status) =>
        status is RepairStatus.Accepted or RepairStatus.OnTheWay or RepairStatus.OnSite or RepairStatus.WaitingForParts;
}
