namespace ClaimLens.Web.Pages.Review;

/// <summary>A finding as the reviewer reads it: the code, how strong, the one-line reason in the page's language, the
/// marked regions (x, y, w, h in the photo's pixels) and, for reused evidence, the earlier claims it names.</summary>
public sealed record ReviewFinding(string Code, string Severity, double Confidence, string Summary,
    IReadOnlyList<int[]> Regions, IReadOnlyList<Guid> EarlierClaims)
{
    /// <summary>Higher is stronger: critical, high, warning, info.</summary>
    public int Rank => Severity switch
    {
        "critical" => 3,
        "high" => 2,
        "warning" => 1,
        _ => 0,
    };
}
