using ClaimLens.Web.Claims;

namespace ClaimLens.Web.Pages.Review;

/// <summary>The queue filters as the page's GET form sends them (bookmarkable), and the query string that keeps them
/// across paging and from claim to claim.</summary>
public sealed record QueueFilter(Guid? Merchant, string? Verdict, string? Age)
{
    public static IReadOnlyList<string> Ages { get; } = ["lt1d", "1to3d", "gt3d"];

    /// <summary>The shared queue filter; unknown verdicts and ages filter nothing.</summary>
    public ReviewQueueFilter ToQueueFilter(DateTimeOffset now)
    {
        var verdict = Verdict is not null && ReviewQueueFilter.Verdicts.Contains(Verdict) ? Verdict : null;
        var (before, after) = Age switch
        {
            "lt1d" => ((DateTimeOffset?)null, (DateTimeOffset?)now.AddDays(-1)),
            "1to3d" => (now.AddDays(-1), now.AddDays(-3)),
            "gt3d" => (now.AddDays(-3), null),
            _ => (null, null),
        };
        return new ReviewQueueFilter(Merchant, verdict, before, after);
    }

    /// <summary>The filters as a query string (with a leading <c>?</c>, or empty), plus <paramref name="extra"/>.</summary>
    public string Query(string? extra = null)
    {
        var parts = new List<string>();
        if (Merchant is { } m)
            parts.Add($"merchant={m:D}");
        if (!string.IsNullOrEmpty(Verdict))
            parts.Add("verdict=" + Uri.EscapeDataString(Verdict));
        if (!string.IsNullOrEmpty(Age))
            parts.Add("age=" + Uri.EscapeDataString(Age));
        if (extra is not null)
            parts.Add(extra);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
