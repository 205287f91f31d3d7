using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>A buyer's recent claims at every merchant of the deployment, keyed by the buyer key (a keyed hash),
/// so a merchant learns how a buyer behaves without learning who else they buy from.</summary>
public sealed record BuyerStanding(int ClaimsLast90Days, int RejectedForForgedEvidence, int Approved, int Open)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>"good" with no forged-evidence rejection, "watch" with one, "poor" with more.</summary>
    public string Rating => RejectedForForgedEvidence switch
    {
        0 => "good",
        1 => "watch",
        _ => "poor",
    };

    public static async Task<BuyerStanding> ForAsync(ClaimLensDbContext db, string buyerKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Window;
        var rows = await db.Claims.AsNoTracking()
            .Where(c => c.BuyerKey == buyerKey && c.CreatedAt >= since)
            .GroupBy(c => new { c.Status, c.DecisionReason })
            .Select(g => new { g.Key.Status, g.Key.DecisionReason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new BuyerStanding(
            rows.Sum(r => r.Count),
            rows.Where(r => r.Status == ClaimStatus.Rejected && r.DecisionReason == Claims.DecisionReason.ForgedEvidence).Sum(r => r.Count),
            rows.Where(r => r.Status == ClaimStatus.Approved).Sum(r => r.Count),
            rows.Where(r => r.Status is not (ClaimStatus.Approved or ClaimStatus.Rejected)).Sum(r => r.Count));
    }
}
