using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>The one check of who may touch a job: the tenant's staff and systems see the tenant's requests; a technician
/// sees only requests offered to them (now or earlier) or held by them. Anything else is "not found".</summary>
public static class JobAccess
{
    public static IQueryable<ServiceRequest> Visible(ClaimLensDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        var merchant = caller.RequireMerchant();
        var requests = db.ServiceRequests.Where(r => r.MerchantId == merchant);
        if (caller.Role != Role.Technician)
            return requests;
        var technician = TechnicianOf(caller);
        // An earlier offer keeps the job visible, so a late accept gets "no longer offered" (409) rather than a 404.
        return requests.Where(r => r.TechnicianId == technician || db.DispatchOffers.Any(o => o.RequestId == r.Id && o.TechnicianId == technician));
    }

    /// <summary>The technician a job action is for: a technician's own sign-in, never the body; otherwise the id the
    /// tenant's system named.</summary>
    public static Guid? ActingTechnician(Caller caller, Guid? named)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == Role.Technician ? TechnicianOf(caller) : named;
    }

    public static Guid TechnicianOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.TechnicianId ?? throw new DeskProblemException(StatusCodes.Status403Forbidden, "Not a technician's sign-in",
            "this sign-in is not linked to a technician");
    }
}
