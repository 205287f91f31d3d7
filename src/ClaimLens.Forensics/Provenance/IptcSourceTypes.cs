namespace ClaimLens.Forensics.Provenance;

/// <summary>The IPTC digital source types that mean "made (wholly or partly) by a generative model".</summary>
internal static class IptcSourceTypes
{
    public const string Namespace = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    private static readonly string[] AiTerms = ["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "compositeSynthetic"];

    /// <summary>True for one of the AI terms, written as the full IPTC URI (http or https) or as the bare term.</summary>
    public static bool IsAi(string value)
    {
        var v = value.AsSpan().Trim();
        if (v.Length > 200) return false;
        var slash = v.LastIndexOf('/');
        if (slash >= 0)
        {
            var head = v[..(slash + 1)];
            if (!head.EndsWith("newscodes/digitalsourcetype/", StringComparison.OrdinalIgnoreCase))
                return false;
            v = v[(slash + 1)..];
        }
        foreach (var term in AiTerms)
        {
            if (v.Equals(term, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
