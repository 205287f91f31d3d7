using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace ClaimLens.Web.Accounts;

/// <summary>The desk has two kinds of callers: systems with API keys and people with a sign-in cookie. One policy
/// scheme picks per request (a bearer header means a key), so endpoints and pages authorise the same way.</summary>
public static class DeskAuthentication
{
    public const string SchemeName = "Desk";

    /// <summary>Paths answered with status codes, never redirected to the sign-in page.</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/media") || path.StartsWithSegments("/health");

    public static IHostApplicationBuilder AddDeskAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCore<DeskUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<Data.ClaimLensDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DeskClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        // Every process on one database must read the others' cookies: the key ring lives in the database.
        builder.Services.AddDataProtection().SetApplicationName("ClaimLens").PersistKeysToDbContext<Data.ClaimLensDbContext>();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = SchemeName;
                o.DefaultChallengeScheme = SchemeName;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SchemeName, "API key or sign-in cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "claimlens.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = c => StatusOrRedirect(c, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = c => StatusOrRedirect(c, StatusCodes.Status403Forbidden),
            };
        });
        return builder;
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsMachinePath(context.Request.Path))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
