using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Settings;

/// <summary>The merchant's API keys: listed by prefix and name, created (the key shown once: only its hash is kept)
/// and revoked. Both changes are written to the audit log.</summary>
public sealed class KeysModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    public const int MaxNameLength = 100;

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];

    public string? NewKey { get; private set; }

    public string? NameError { get; private set; }

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var caller = Caller.From(User);
        var merchant = caller.RequireMerchant();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            NameError = string.IsNullOrEmpty(name) ? L("请给密钥起个名字，例如“ERP 对接”。", "Give the key a name, such as \"ERP link\".")
                : L($"名称不能超过 {MaxNameLength} 个字符。", $"The name may not be longer than {MaxNameLength} characters.");
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow();
        var key = ApiKeyAuthentication.NewKey();
        var row = new ApiKey
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Role = Role.Merchant, Name = name, Prefix = key[..12],
            SecretHash = ApiKeyAuthentication.Hash(key), CreatedAt = now,
        };
        db.ApiKeys.Add(row);
        db.Append(time, caller.Actor, "api_key.created", "api_key", row.Id, merchant, new { row.Name, row.Prefix });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // Shown in this answer only; the browser is told not to keep the page.
        Response.Headers.CacheControl = "no-store";
        NewKey = key;
        Name = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var caller = Caller.From(User);
        var merchant = caller.RequireMerchant();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.MerchantId == merchant, HttpContext.RequestAborted);
        if (key is null)
            return NotFound();
        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            db.Append(time, caller.Actor, "api_key.revoked", "api_key", key.Id, merchant, new { key.Name, key.Prefix });
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return Redirect("/merchant/settings/keys");
    }

    private async Task LoadAsync()
    {
        var merchant = Caller.From(User).RequireMerchant();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, HttpContext.RequestAborted);
        Keys = await db.ApiKeys.AsNoTracking().Where(k => k.MerchantId == merchant).OrderByDescending(k => k.CreatedAt)
            .Select(k => new KeyRow(k.Id, k.Prefix, k.Name, k.CreatedAt, k.RevokedAt)).ToListAsync(HttpContext.RequestAborted);
    }

    public sealed record KeyRow(Guid Id, string Prefix, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
}
