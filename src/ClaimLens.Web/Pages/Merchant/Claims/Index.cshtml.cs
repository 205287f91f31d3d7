using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Merchant.Claims;

/// <summary>The merchant's claims, a page at a time: those awaiting an answer by nearest deadline (the landing
/// view), any other status newest first. Both orders follow an index, so page 1 of 100,000 claims reads 25 rows.</summary>
public sealed class IndexModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    public static readonly ClaimStatus?[] Filters =
        [ClaimStatus.AwaitingMerchant, ClaimStatus.Analyzing, ClaimStatus.InReview, ClaimStatus.AwaitingBuyer, ClaimStatus.Approved, ClaimStatus.Rejected, null];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ClaimStatus? Filter { get; private set; }

    public IReadOnlyList<ClaimRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<ClaimStatus, int> Counts { get; private set; } = new Dictionary<ClaimStatus, int>();

    public bool HasNext { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public static string FilterName(ClaimStatus? status) => status is { } s ? ClaimStateMachine.Name(s) : "all";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        Filter = Status is null ? ClaimStatus.AwaitingMerchant : Filters.FirstOrDefault(f => FilterName(f) == Status);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Now = time.GetUtcNow();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        Counts = await db.Claims.AsNoTracking().Where(c => c.MerchantId == merchant).GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var claims = db.Claims.AsNoTracking().Where(c => c.MerchantId == merchant);
        if (Filter is { } status)
            claims = claims.Where(c => c.Status == status);
        claims = Filter == ClaimStatus.AwaitingMerchant
            ? claims.OrderBy(c => c.ResponseDueAt).ThenBy(c => c.CreatedAt)
            : claims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
        var rows = await claims.Skip((PageNumber - 1) * MerchantPages.PageSize).Take(MerchantPages.PageSize + 1)
            .Join(db.Orders, c => c.OrderId, o => o.Id, (c, o) => new ClaimRow(
                c.Id, o.OrderNo, c.Sku, c.Status, c.Risk, c.Verdict, c.Amount, c.CreatedAt, c.ResponseDueAt))
            .ToListAsync(ct);
        HasNext = rows.Count > MerchantPages.PageSize;
        Rows = rows.Take(MerchantPages.PageSize).ToList();
    }

    public sealed record ClaimRow(Guid Id, string OrderNo, string Sku, ClaimStatus Status, int? Risk, string? Verdict, decimal Amount,
        DateTimeOffset CreatedAt, DateTimeOffset? ResponseDueAt);
}
