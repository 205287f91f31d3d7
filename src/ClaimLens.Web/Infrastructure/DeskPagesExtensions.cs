using ClaimLens.Web.Accounts;
using ClaimLens.Web.Pages;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace ClaimLens.Web.Infrastructure;

/// <summary>The server-rendered pages: Razor Pages per audience (<c>Pages/Buyer</c>, <c>Merchant</c>, <c>Review</c>,
/// <c>Admin</c>), sign-in through ASP.NET Core Identity, Chinese by default and English by choice.</summary>
public static class DeskPagesExtensions
{
    public static IHostApplicationBuilder AddClaimLensPages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Merchant", Policies.Merchant);
            o.Conventions.AuthorizeFolder("/Review", Policies.Reviewer);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Repairs", Policies.Merchant);
            o.Conventions.AuthorizeFolder("/Technician", Policies.Technician);
        });
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Chinese text written as text, not as &#x...; entities (Razor encodes only what HTML needs).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "claimlens.af";
        });
        // Chinese unless the person chose otherwise (a link or the cookie that link sets); the browser's
        // Accept-Language is not consulted, because the product's default is Chinese (decision 0014).
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Text.Chinese);
            o.SupportedCultures = Text.Cultures;
            o.SupportedUICultures = Text.Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication MapClaimLensPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPageAssets();
        app.MapGet("/language/{culture}", SwitchLanguage).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Remembers the chosen language for a year and goes back to the page the person was on.</summary>
    private static IResult SwitchLanguage(string culture, string? returnUrl, HttpContext http)
    {
        var chosen = Text.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
            return Results.NotFound();
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        // Only back into the desk: an open redirect would let a phishing link borrow the desk's name.
        var back = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
        return Results.LocalRedirect(back);
    }
}
