using System.Security.Claims;

namespace ClaimLens.Web.Accounts;

/// <summary>Who is calling, as the authentication handler established it.</summary>
/// <param name="TechnicianId">The repair technician a technician caller signs in as (their jobs only).</param>
public sealed record Caller(string Actor, Role Role, Guid? MerchantId, Guid? TechnicianId = null)
{
    public const string MerchantClaim = "claimlens:merchant";
    public const string TechnicianClaim = "claimlens:technician";

    /// <summary>True when the caller may see records of <paramref name="merchantId"/>.</summary>
    public bool CanSee(Guid merchantId) => Role switch
    {
        Role.Admin or Role.Reviewer => MerchantId is null || MerchantId == merchantId,
        Role.Merchant => MerchantId == merchantId,
        _ => false,
    };

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(Role.Buyer));
        var merchant = user.FindFirstValue(MerchantClaim);
        var technician = role == Role.Technician ? user.FindFirstValue(TechnicianClaim) : null;
        return new Caller(user.Identity?.Name ?? "anonymous", role, merchant is null ? null : Guid.Parse(merchant),
            technician is null ? null : Guid.Parse(technician));
    }

    /// <summary>The merchant a merchant caller acts for.</summary>
    /// <exception cref="InvalidOperationException">The caller is not bound to a merchant (the policy prevents it).</exception>
    public Guid RequireMerchant() =>
        MerchantId ?? throw new InvalidOperationException("this endpoint needs a merchant key");
}
