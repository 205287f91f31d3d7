using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace ClaimLens.Web.Accounts;

/// <summary>A browser's cookie also authenticates API calls (pages fetch from the API), which would let another site
/// post to the API in the user's name. Unsafe API calls made with the cookie must therefore carry the antiforgery
/// token (header <c>RequestVerificationToken</c>); calls with an API key are not affected.</summary>
public sealed class CookieApiAntiforgery(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (http.Request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && http.Request.Headers.Authorization.Count == 0
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.",
                detail: "Calls made with the sign-in cookie send the page's token in the RequestVerificationToken header.").ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
