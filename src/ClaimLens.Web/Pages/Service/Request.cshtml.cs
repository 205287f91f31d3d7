using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Repairs;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Pages.Service;

/// <summary>A customer's own repair request to a service tenant (anonymous, phone first): filed through the same intake
/// as the API (channel online), so it is encrypted, warranty-checked, audited and dispatched at once.</summary>
public sealed class RequestModel(ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
    IOptions<RepairsOptions> options, TimeProvider time) : PageModel
{
    [BindProperty] public string? Brand { get; set; }

    [BindProperty] public string? ProductType { get; set; }

    [BindProperty] public string? Model { get; set; }

    [BindProperty] public string? Fault { get; set; }

    [BindProperty] public string? ProvinceCode { get; set; }

    [BindProperty] public string? CityCode { get; set; }

    [BindProperty] public string? CountyCode { get; set; }

    [BindProperty] public string? TownCode { get; set; }

    [BindProperty] public string? Street { get; set; }

    [BindProperty] public List<string> Windows { get; set; } = [];

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public string TenantName { get; private set; } = "";

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public FiledRequest? Filed { get; private set; }

    public IReadOnlyList<(string Value, string Label, DateTimeOffset From, DateTimeOffset To)> WindowChoices { get; private set; } = [];

    public AddressPicker Address => AddressPicker.For(regions, ProvinceCode, CityCode, CountyCode, TownCode, Errors.GetValueOrDefault("TownCode"));

    public async Task<IActionResult> OnGetAsync(Guid tenant) => await LoadAsync(tenant) ? Page() : NotFound();

    /// <summary>The address selects again, for the codes chosen so far (htmx, on every change).</summary>
    public PartialViewResult OnGetAddress(string? provinceCode, string? cityCode, string? countyCode, string? townCode) =>
        Partial("/Pages/Repairs/_AddressPicker.cshtml", AddressPicker.For(regions, provinceCode, cityCode, countyCode, townCode));

    public async Task<IActionResult> OnPostAsync(Guid tenant)
    {
        if (!await LoadAsync(tenant))
            return NotFound();
        var ct = HttpContext.RequestAborted;
        var (photos, photoError) = await IntakePhotos.StageAsync(HttpContext.RequestServices, Photos, ct);
        try
        {
            if (photoError is not null)
            {
                Errors["Photos"] = photoError;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            var chosen = WindowChoices.Where(w => Windows.Contains(w.Value)).Select(w => new TimeWindowInput(w.From, w.To)).ToList();
            var input = new ServiceRequestInput(Brand, ProductType, Model, Fault, new AddressInput(ProvinceCode, CityCode, CountyCode, TownCode, Street),
                Name, Phone, chosen, "online", null, null);
            var filed = await RepairIntake.FileAsync(input, tenant, "public:online", db, personal, regions, index, options.Value, time, ct);
            if (filed.Errors is { } errors)
            {
                Errors = RepairPages.LocaliseErrors(errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            await IntakePhotos.AttachAsync(HttpContext.RequestServices, db, filed.Request!, photos, "public:online", ct);
            Filed = filed;
            return Page();
        }
        finally
        {
            foreach (var photo in photos)
                photo.Dispose();
        }
    }

    private async Task<bool> LoadAsync(Guid tenant)
    {
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Id == tenant).Select(m => new { m.Name, m.Settings.TimeZone })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (merchant is null)
            return false;
        TenantName = merchant.Name;
        TimeZone = merchant.TimeZone;
        WindowChoices = RepairPages.Windows(time.GetUtcNow(), TimeZone);
        return true;
    }
}
