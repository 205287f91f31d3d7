using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Accounts;

/// <summary>Creating the people who sign in: the roles exist once per database, a user has exactly one role.</summary>
public static class DeskUsers
{
    /// <summary>Creates the Identity roles named after <see cref="Role"/> that are missing. Several processes may
    /// start at once on one database: a role another process created meanwhile is fine.</summary>
    public static async Task EnsureClaimLensRolesAsync(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var role in Enum.GetNames<Role>())
        {
            using var scope = services.CreateScope();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (await roles.RoleExistsAsync(role))
                continue;
            try
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(time.GetUtcNow()) });
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                    throw new InvalidOperationException($"could not create role {role}: {Describe(result)}");
            }
            catch (DbUpdateException)
            {
                using var again = services.CreateScope();
                if (!await again.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>().RoleExistsAsync(role))
                    throw;
            }
        }
    }

    /// <summary>Creates a user with one role.</summary>
    /// <returns>The user, or the errors that stopped it (a taken name, a weak password).</returns>
    public static async Task<(DeskUser? User, IdentityResult Result)> CreateAsync(
        UserManager<DeskUser> users, TimeProvider time, string userName, string password, Role role, Guid? merchantId, string displayName)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var user = new DeskUser { Id = Guid.CreateVersion7(now), UserName = userName, DisplayName = displayName, MerchantId = merchantId, CreatedAt = now };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return (null, created);
        var inRole = await users.AddToRoleAsync(user, role.ToString());
        return inRole.Succeeded ? (user, inRole) : (null, inRole);
    }

    /// <summary>A password for a generated account (demo, first admin): 16 characters a person can type.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        // "Cl" gives the upper and lower case letters Identity requires; the digit must be forced too, or about one
        // password in seven (13 draws without a digit) is refused by the password rules.
        return "Cl-" + RandomNumberGenerator.GetString("23456789", 1) + RandomNumberGenerator.GetString(alphabet, 12);
    }

    public static string Describe(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join("; ", result.Errors.Select(e => e.Description));
    }
}
