using ClaimLens.Web.Claims;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Claims;

/// <summary>A claim's verdict and risk said in one plain sentence for the merchant.</summary>
public static class ClaimWords
{
    public static string Explain(ClaimStatus status, string? verdict, int? risk, int photos) => verdict switch
    {
        _ when status == ClaimStatus.Analyzing => L($"正在分析买家的 {photos} 张照片，完成后这里会说明结论。",
            $"The buyer's {photos} photo(s) are being analysed; the result will appear here."),
        "likely_manipulated" => L($"买家的照片很可能被篡改过（风险 {risk}/100）。下面按证据强弱列出发现；如您认为不应退款，请在截止前回复并附上证据。",
            $"The buyer's photos were likely manipulated (risk {risk}/100). The findings are listed strongest first; if you think the claim should not be paid, answer before the deadline with your evidence."),
        "needs_review" => L($"照片有一些需要人工查看的迹象（风险 {risk}/100），但不能证明被篡改；审核员会查看。",
            $"The photos show signs a person should look at (risk {risk}/100), but nothing proves they were manipulated; a reviewer will check."),
        "no_manipulation_found" => L($"没有在买家的照片中发现篡改（风险 {risk}/100）。这不等于证明照片真实，只是没有找到可疑之处。",
            $"No manipulation was found in the buyer's photos (risk {risk}/100). That does not prove them genuine; nothing suspicious was detected."),
        _ => L("照片未能分析，审核员会人工查看。", "The photos could not be analysed; a reviewer will look at them."),
    };
}
