using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The agent's fast form while the customer is on the line: phone first (earlier requests found by blind index),
/// the town typed by code or name, Enter files the request through the same intake as the API (channel agent).</summary>
public sealed class IntakeModel(ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
    IOptions<RepairsOptions> options, TimeProvider time) : PageModel
{
    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Brand { get; set; }

    [BindProperty] public string? ProductType { get; set; }

    [BindProperty] public string? Model { get; set; }

    [BindProperty] public string? Fault { get; set; }

    [BindProperty] public string? TownCode { get; set; }

    [BindProperty] public string? Street { get; set; }

    [BindProperty] public string? Window { get; set; }

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Value, string Label, DateTimeOffset From, DateTimeOffset To)> WindowChoices { get; private set; } = [];

    public IReadOnlyList<EarlierRequest> Earlier { get; private set; } = [];

    public string? MaskedPhone { get; private set; }

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Earlier requests of the number typed so far (htmx, as the agent leaves the phone field).</summary>
    public async Task<PartialViewResult> OnGetLookupAsync(string? phone)
    {
        Phone = phone;
        await LoadAsync();
        await LookupAsync();
        return Partial("_Earlier", this);
    }

    /// <summary>Towns whose code starts with, or whose name contains, what the agent typed (a datalist; at most 20).</summary>
    public ContentResult OnGetTowns(string? townCode) => Content(TownSearch.Options(regions, townCode), "text/html");

    public async Task<IActionResult> OnPostAsync()
    {
        var caller = Caller.From(User);
        var merchant = caller.RequireMerchant();
        var ct = HttpContext.RequestAborted;
        await LoadAsync();
        var (photos, photoError) = await IntakePhotos.StageAsync(HttpContext.RequestServices, Photos, ct);
        try
        {
            if (photoError is not null)
            {
                Errors["Photos"] = photoError;
                await LookupAsync();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            var chosen = WindowChoices.Where(w => w.Value == Window).Select(w => new TimeWindowInput(w.From, w.To)).ToList();
            var input = new ServiceRequestInput(Brand, ProductType, Model, Fault, new AddressInput(null, null, null, TownCode, Street),
                Name, Phone, chosen, "agent", null, null);
            var filed = await RepairIntake.FileAsync(input, merchant, caller.Actor, db, personal, regions, index, options.Value, time, ct);
            if (filed.Errors is { } errors)
            {
                Errors = RepairPages.LocaliseErrors(errors);
                await LookupAsync();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            await IntakePhotos.AttachAsync(HttpContext.RequestServices, db, filed.Request!, photos, caller.Actor, ct);
            return Redirect($"/repairs/requests/{filed.Request!.Id}?filed=true");
        }
        finally
        {
            foreach (var photo in photos)
                photo.Dispose();
        }
    }

    private async Task LoadAsync()
    {
        TimeZone = await MerchantPages.TimeZoneAsync(db, Caller.From(User).RequireMerchant(), HttpContext.RequestAborted);
        WindowChoices = RepairPages.Windows(time.GetUtcNow(), TimeZone);
    }

    private async Task LookupAsync()
    {
        if (PersonalData.NormalizePhone(Phone) is not { } phone)
            return;
        var merchant = Caller.From(User).RequireMerchant();
        var key = RepairIntake.PhoneKey(personal, phone);
        MaskedPhone = PersonalData.MaskPhone(phone);
        Earlier = await db.ServiceRequests.AsNoTracking().Where(r => r.MerchantId == merchant && r.PhoneIndex == key)
            .OrderByDescending(r => r.CreatedAt).Take(10)
            .Select(r => new EarlierRequest(r.Id, r.Brand, r.ProductType, r.Model, r.Status, r.CreatedAt, r.WarrantyUntil))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
