using System.Globalization;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Reuse;

/// <summary>Turns reuse-index matches into the <c>reused_evidence</c> finding.</summary>
public static class ReuseFindings
{
    /// <summary>Sources named in the finding's details, nearest first.</summary>
    public const int MaxListed = 10;

    /// <summary>The <c>reused_evidence</c> finding for <paramref name="matches"/>, or null when there are none.
    /// Confidence falls from 0.99 at distance 0 to 0.63 at distance 24, the default match threshold.</summary>
    /// <param name="matches">Matches from <see cref="ReuseIndex.Find"/> or <see cref="ReuseIndex.FindAny"/>.</param>
    /// <param name="describe">Names the evidence behind a key for a reviewer (a file, a claim and photo id).</param>
    public static Finding? Create(IReadOnlyList<ReuseMatch> matches, Func<long, string> describe)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(describe);
        if (matches.Count == 0) return null;

        var ordered = matches.OrderBy(m => m.Distance).ThenBy(m => m.Key).Take(MaxListed).ToList();
        var best = ordered[0];
        var source = describe(best.Key);
        var details = new JsonArray();
        foreach (var match in ordered)
        {
            details.Add(new JsonObject
            {
                ["source"] = describe(match.Key),
                ["distance"] = match.Distance,
                ["similarity"] = Math.Round(match.Similarity, 3),
            });
        }

        var others = matches.Count - 1;
        var moreEn = others > 0 ? string.Create(CultureInfo.InvariantCulture, $" (and {others} more)") : "";
        var moreZh = others > 0 ? string.Create(CultureInfo.InvariantCulture, $"（另有 {others} 处）") : "";
        var summary = new LocalizedText(
            $"This photo (or a near copy) was already submitted as evidence: {source}{moreEn}. A photo reused from an earlier claim does not show this order's goods.",
            $"这张照片（或其近似副本）此前已作为证据提交过：{source}{moreZh}。从以往索赔中重复使用的照片不能证明本订单商品的状况。");
        var confidence = Math.Clamp(0.99 - 0.015 * best.Distance, 0.5, 0.99);
        return new Finding(FindingCodes.ReusedEvidence, Severity.High, confidence, summary,
            new JsonObject { ["matches"] = details });
    }
}
