using Microsoft.AspNetCore.Identity;

namespace ClaimLens.Web.Accounts;

/// <summary>A person who signs in to the desk's pages. API callers use keys (<see cref="ApiKey"/>) instead; both end
/// up as the same claims, so <see cref="Caller"/> and the policies treat them alike.</summary>
public sealed class DeskUser : IdentityUser<Guid>
{
    /// <summary>The merchant a merchant user works for, or that a reviewer is limited to; null for deployment-wide roles.</summary>
    public Guid? MerchantId { get; set; }

    /// <summary>The repair technician a technician user signs in as; null for every other role.</summary>
    public Guid? TechnicianId { get; set; }

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
