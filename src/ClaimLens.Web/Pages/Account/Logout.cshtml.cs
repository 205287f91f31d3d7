using ClaimLens.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimLens.Web.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<DeskUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
