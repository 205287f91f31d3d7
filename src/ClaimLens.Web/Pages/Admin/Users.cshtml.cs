using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Admin;

/// <summary>People and their roles: create (with a generated password shown once), change role, lock, reset the
/// password. Every change is written to the audit log.</summary>
public sealed class UsersModel(ClaimLensDbContext db, UserManager<DeskUser> users, TimeProvider time) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Merchants { get; private set; } = [];

    /// <summary>A password just generated, shown on this response only (only its hash is stored).</summary>
    public (string UserName, string Password)? Issued { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? NewUserName { get; private set; }

    public string? NewDisplayName { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? displayName, string? role, Guid? merchantId)
    {
        var errors = new List<string>();
        userName = userName?.Trim();
        displayName = displayName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > 100)
            errors.Add(L("请填写用户名（不超过 100 个字符）。", "Enter a user name (at most 100 characters)."));
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 100)
            errors.Add(L("请填写显示名称（不超过 100 个字符）。", "Enter a display name (at most 100 characters)."));
        errors.AddRange(await CheckRoleAsync(role, merchantId));
        if (errors.Count == 0)
        {
            var password = DeskUsers.NewPassword();
            var (user, result) = await DeskUsers.CreateAsync(users, time, userName!, password, Enum.Parse<Role>(role!), merchantId, displayName!);
            if (user is null)
            {
                errors.Add(L("无法创建用户：", "The user could not be created: ") + DeskUsers.Describe(result));
            }
            else
            {
                await AuditAsync("user.created", user, new { user.UserName, role, merchant = merchantId });
                Issued = (user.UserName!, password);
                Done = L($"已创建用户 {user.UserName}。", $"User {user.UserName} was created.");
            }
        }
        if (errors.Count > 0)
            (Errors, NewUserName, NewDisplayName) = (errors, userName, displayName);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string? role, Guid? merchantId)
    {
        if (await FindOtherAsync(userId) is not { } user)
            return NotFound();
        var errors = await CheckRoleAsync(role, merchantId);
        if (user.TechnicianId is not null)
            errors.Add(L("这是维修师傅的登录，由服务商在维修台管理。", "This is a technician's sign-in; the service tenant manages it on the repair desk."));
        if (errors.Count == 0)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role!);
            user.MerchantId = merchantId;
            await users.UpdateAsync(user);
            // Signed-in sessions carry the old role in their cookie: a new stamp makes them sign in again.
            await users.UpdateSecurityStampAsync(user);
            await AuditAsync("user.role_changed", user, new { from = current.FirstOrDefault(), to = role, merchant = merchantId });
            Done = L($"已更改 {user.UserName} 的角色。", $"The role of {user.UserName} was changed.");
        }
        Errors = errors;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(Guid userId, bool locked)
    {
        if (await FindOtherAsync(userId) is not { } user)
            return NotFound();
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(locked ? "user.locked" : "user.unlocked", user, new { user.UserName });
        Done = locked ? L($"已锁定 {user.UserName}。", $"{user.UserName} is locked.") : L($"已解锁 {user.UserName}。", $"{user.UserName} is unlocked.");
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid userId)
    {
        if (await FindOtherAsync(userId) is not { } user)
            return NotFound();
        var password = DeskUsers.NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded)
        {
            await AuditAsync("user.password_reset", user, new { user.UserName });
            Issued = (user.UserName!, password);
            Done = L($"已重置 {user.UserName} 的密码。", $"The password of {user.UserName} was reset.");
        }
        else
        {
            Errors = [L("无法重置密码：", "The password could not be reset: ") + DeskUsers.Describe(result)];
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>A user other than the signed-in admin: nobody locks or demotes themselves out of the desk by a slip.</summary>
    private async Task<DeskUser?> FindOtherAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null || user.UserName == User.Identity?.Name ? null : user;
    }

    private async Task<List<string>> CheckRoleAsync(string? role, Guid? merchantId)
    {
        var errors = new List<string>();
        if (!Enum.TryParse<Role>(role, out var parsed) || !Enum.IsDefined(parsed) || role != parsed.ToString())
            errors.Add(L("请选择角色。", "Choose a role."));
        else if (parsed == Role.Technician)
            errors.Add(L("维修师傅的登录由服务商在维修台为其师傅创建。", "A technician's sign-in is made by the service tenant for its technician, on the repair desk."));
        else if (parsed == Role.Merchant && merchantId is null)
            errors.Add(L("商家用户必须指定商家。", "A merchant user needs a merchant."));
        else if (parsed is Role.Admin or Role.Buyer && merchantId is not null)
            errors.Add(L("管理员和买家不属于某个商家。", "Admins and buyers do not belong to a merchant."));
        if (merchantId is { } m && !await db.Merchants.AnyAsync(x => x.Id == m, HttpContext.RequestAborted))
            errors.Add(L("没有这个商家。", "There is no such merchant."));
        return errors;
    }

    private async Task AuditAsync(string action, DeskUser user, object data)
    {
        db.Append(time, Caller.From(User).Actor, action, "user", user.Id, user.MerchantId, data);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = time.GetUtcNow();
        Merchants = (await db.Merchants.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct))
            .Select(m => (m.Id, m.Name)).ToList();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(500)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.MerchantId, u.LockoutEnd, u.CreatedAt,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
                Merchant = db.Merchants.Where(m => m.Id == u.MerchantId).Select(m => m.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        Users = rows.Select(u => new UserRow(u.Id, u.UserName ?? "", u.DisplayName, u.Role, u.MerchantId, u.Merchant,
            u.LockoutEnd is { } end && end > now, u.CreatedAt)).ToList();
    }
}
