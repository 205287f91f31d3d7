using ClaimLens.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Account;

public sealed class LoginModel(SignInManager<DeskUser> signIn, ILogger<LoginModel> log) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password, bool remember)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(password))
        {
            Error = L("请填写用户名和密码。", "Enter your user name and password.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in locked out for {UserName}", UserName);
            Error = L("登录失败次数过多，账户已锁定 15 分钟。", "Too many failed attempts: the account is locked for 15 minutes.");
        }
        else
        {
            Error = L("用户名或密码不正确。", "The user name or password is wrong.");
        }
        return Page();
    }
}
