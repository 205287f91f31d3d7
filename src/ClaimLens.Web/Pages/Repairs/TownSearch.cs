using System.Net;
using System.Text;
using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>Finds towns for the agent's typeable address: by code prefix or by a name inside the town's full chain.</summary>
public static class TownSearch
{
    public const int Limit = 20;

    /// <summary><c>&lt;option&gt;</c> elements (value = town code, text = province city county town) for a datalist.</summary>
    public static string Options(RegionIndex regions, string? query)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var q = query?.Trim();
        var html = new StringBuilder();
        if (string.IsNullOrEmpty(q) || q.Length > 40)
            return "";
        var byCode = q.All(char.IsAsciiDigit);
        var found = 0;
        // One pass over ~45,000 regions is well under a millisecond's order; bounded by the index and the limit.
        for (var i = 0; i < regions.Count && found < Limit; i++)
        {
            if (regions.Level(i) != RegionLevel.Town)
                continue;
            var hit = byCode ? regions.Code(i).StartsWith(q, StringComparison.Ordinal) : regions.Name(i).Contains(q, StringComparison.Ordinal);
            if (!hit)
                continue;
            found++;
            html.Append("<option value=\"").Append(regions.Code(i)).Append("\">")
                .Append(WebUtility.HtmlEncode(Describe(regions, i))).Append("</option>");
        }
        return html.ToString();
    }

    /// <summary>"北京市 东城区 东华门街道": the town with its chain, for people to recognise.</summary>
    public static string Describe(RegionIndex regions, int town)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return string.Join(' ', regions.Chain(town).Select(regions.Name).Distinct());
    }
}
