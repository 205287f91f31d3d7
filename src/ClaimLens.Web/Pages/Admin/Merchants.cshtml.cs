using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Admin;

/// <summary>The deployment's tenants: list and create (a new merchant starts with the default settings).</summary>
public sealed class MerchantsModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name, DateTimeOffset CreatedAt, string TimeZone, int Users)> Merchants { get; private set; } = [];

    public string? Done { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
            Errors = [L("请填写商家名称（不超过 200 个字符）。", "Enter the merchant's name (at most 200 characters).")];
        else if (await db.Merchants.AnyAsync(m => m.Name == name, HttpContext.RequestAborted))
            Errors = [L("已有同名商家。", "A merchant with that name exists.")];
        else
        {
            var now = time.GetUtcNow();
            var merchant = new Accounts.Merchant { Id = Guid.CreateVersion7(now), Name = name, CreatedAt = now };
            db.Merchants.Add(merchant);
            db.Append(time, Caller.From(User).Actor, "merchant.created", "merchant", merchant.Id, merchant.Id, new { merchant.Name });
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            Done = L($"已创建商家 {name}。", $"Merchant {name} was created.");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var rows = await db.Merchants.AsNoTracking().OrderBy(m => m.Name).Take(1000)
            .Select(m => new { m.Id, m.Name, m.CreatedAt, m.Settings.TimeZone, Users = db.Users.Count(u => u.MerchantId == m.Id) })
            .ToListAsync(HttpContext.RequestAborted);
        Merchants = rows.Select(m => (m.Id, m.Name, m.CreatedAt, m.TimeZone, m.Users)).ToList();
    }
}
