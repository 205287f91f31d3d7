using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Review;

/// <summary>The review queue: claims in review, highest risk first, then nearest deadline (the API's query), with
/// counts, filters and keyset paging; an htmx request gets only the counts and the table.</summary>
public sealed class IndexModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid? Merchant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Verdict { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Age { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public QueueFilter Filter => new(Merchant, Verdict, Age);

    public QueueCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Merchants { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string? PreviousCursor { get; private set; }

    /// <summary>True when this page is not the first (a link back to the start is shown).</summary>
    public bool Paged => After is not null || Before is not null;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        Now = time.GetUtcNow();
        var merchants = await db.Merchants.AsNoTracking()
            .Where(m => caller.MerchantId == null || m.Id == caller.MerchantId)
            .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name, m.Settings.TimeZone }).ToListAsync(ct);
        Merchants = merchants.Select(m => (m.Id, m.Name)).ToList();

        var query = ReviewQueue.Filtered(db, caller, Filter.ToQueueFilter(Now)).AsNoTracking();
        var soon = Now + QueueCounts.Soon;
        // One pass, grouped by the status every row shares: the queue indexes start with it, so no sort is needed
        // (a constant group key made SQLite sort the whole queue; four separate counts read filtered rows four times).
        var now = Now;
        Counts = await query.GroupBy(c => c.Status).Select(g => new QueueCounts(
            g.Count(),
            g.Count(c => c.ReviewDueAt < now),
            g.Count(c => c.ReviewDueAt >= now && c.ReviewDueAt < soon),
            g.Count(c => c.Verdict == "likely_manipulated"))).FirstOrDefaultAsync(ct) ?? new QueueCounts(0, 0, 0, 0);

        List<ReviewQueueItem> items;
        if (ReviewQueueCursor.Parse(Before) is { } before)
        {
            items = await ReviewQueue.Items(ReviewQueue.Before(query, before).Take(PageSize + 1)).ToListAsync(ct);
            var more = items.Count > PageSize;
            items = items.Take(PageSize).Reverse().ToList();
            PreviousCursor = more && items.Count > 0 ? Cursor(items[0]) : null;
            NextCursor = items.Count > 0 ? Cursor(items[^1]) : null;
        }
        else
        {
            var after = ReviewQueueCursor.Parse(After);
            var page = after is null ? ReviewQueue.Ordered(query) : ReviewQueue.After(query, after);
            items = await ReviewQueue.Items(page.Take(PageSize + 1)).ToListAsync(ct);
            NextCursor = items.Count > PageSize ? Cursor(items[PageSize - 1]) : null;
            items = items.Take(PageSize).ToList();
            PreviousCursor = after is not null && items.Count > 0 ? Cursor(items[0]) : null;
        }
        var byId = merchants.ToDictionary(m => m.Id);
        Rows = items.Select(i => new QueueRow(i.Id, byId.TryGetValue(i.MerchantId, out var m) ? m.Name : "",
            byId.TryGetValue(i.MerchantId, out var z) ? z.TimeZone : "Asia/Shanghai",
            i.Sku, i.Amount, i.Risk, i.Verdict, i.CreatedAt, i.ReviewDueAt)).ToList();

        // htmx asks for the counts and table only (the filters stay as the person set them).
        if (Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-History-Restore-Request"))
            return Partial("_Queue", this);
        return Page();
    }

    private static string Cursor(ReviewQueueItem item) => ReviewQueueCursor.Of(item.Risk, item.ReviewDueAt, item.Id).ToString();
}
