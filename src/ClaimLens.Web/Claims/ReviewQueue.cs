using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;

namespace ClaimLens.Web.Claims;

/// <summary>The review queue's one query, shared by <c>GET /api/v1/review-queue</c> and the reviewer's pages: claims in
/// review the caller may see, highest risk first, then nearest deadline, then id (the order of the review-queue
/// indexes, so a page is an index range scan).</summary>
public static class ReviewQueue
{
    /// <summary>Claims in review visible to <paramref name="caller"/> that pass <paramref name="filter"/>, unordered.</summary>
    public static IQueryable<Claim> Filtered(ClaimLensDbContext db, Caller caller, ReviewQueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Claims.Where(c => c.Status == ClaimStatus.InReview);
        if (caller.MerchantId is { } own)
            query = query.Where(c => c.MerchantId == own);
        if (filter.Merchant is { } m)
            query = query.Where(c => c.MerchantId == m);
        if (filter.Verdict is { } verdict)
            query = query.Where(c => c.Verdict == verdict);
        if (filter.CreatedBefore is { } before)
            query = query.Where(c => c.CreatedAt <= before);
        if (filter.CreatedAfter is { } after)
            query = query.Where(c => c.CreatedAt > after);
        return query;
    }

    /// <summary>In queue order.</summary>
    public static IOrderedQueryable<Claim> Ordered(IQueryable<Claim> query) =>
        query.OrderByDescending(c => c.Risk).ThenBy(c => c.ReviewDueAt).ThenBy(c => c.Id);

    /// <summary>The claims after <paramref name="cursor"/> in queue order (keyset paging: no rows are skipped over).</summary>
    public static IOrderedQueryable<Claim> After(IQueryable<Claim> query, ReviewQueueCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var (risk, due, id) = (cursor.Risk, cursor.DueAt, cursor.Id);
        // The redundant "Risk <= risk" lets the database seek into the queue index instead of scanning to the cursor.
        return Ordered(query.Where(c => c.Risk <= risk && (c.Risk < risk
            || (c.ReviewDueAt > due || (c.ReviewDueAt == due && c.Id.CompareTo(id) > 0)))));
    }

    /// <summary>The claims before <paramref name="cursor"/>, nearest first (the queue order reversed).</summary>
    public static IOrderedQueryable<Claim> Before(IQueryable<Claim> query, ReviewQueueCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var (risk, due, id) = (cursor.Risk, cursor.DueAt, cursor.Id);
        return query.Where(c => c.Risk >= risk && (c.Risk > risk
                || (c.ReviewDueAt < due || (c.ReviewDueAt == due && c.Id.CompareTo(id) < 0))))
            .OrderBy(c => c.Risk).ThenByDescending(c => c.ReviewDueAt).ThenByDescending(c => c.Id);
    }

    public static IQueryable<ReviewQueueItem> Items(IQueryable<Claim> query) =>
        query.Select(c => new ReviewQueueItem(c.Id, c.MerchantId, c.Sku, c.Amount, c.Risk, c.Verdict, c.CreatedAt, c.ReviewDueAt));
}
