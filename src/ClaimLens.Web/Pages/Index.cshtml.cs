using ClaimLens.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimLens.Web.Pages;

/// <summary>The desk's front door: each person lands on their own work.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated != true)
            return Redirect("/account/login");
        return Caller.From(User).Role switch
        {
            Role.Merchant => Redirect("/merchant/claims"),
            Role.Reviewer => Redirect("/review"),
            Role.Admin => Redirect("/review"),
            Role.Technician => Redirect("/technician"),
            _ => Redirect("/buyer"),
        };
    }
}
