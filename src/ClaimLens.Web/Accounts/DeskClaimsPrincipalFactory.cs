using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Accounts;

/// <summary>Gives a signed-in user the claims an API key gives (<see cref="ApiKeyAuthentication"/>): the role, the
/// merchant, and an actor name marked as a person (<c>user:…</c>), so the audit log tells people from systems.</summary>
public sealed class DeskClaimsPrincipalFactory(
    UserManager<DeskUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DeskUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string DisplayNameClaim = "claimlens:display";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (identity.FindFirst(identity.NameClaimType) is { } name)
            identity.RemoveClaim(name);
        identity.AddClaim(new Claim(identity.NameClaimType, $"user:{user.UserName}"));
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.MerchantId is { } merchant)
            identity.AddClaim(new Claim(Caller.MerchantClaim, merchant.ToString()));
        if (user.TechnicianId is { } technician)
            identity.AddClaim(new Claim(Caller.TechnicianClaim, technician.ToString()));
        return identity;
    }
}
