namespace ClaimLens.Forensics.Report;

/// <summary>A sentence in English and Simplified Chinese.</summary>
public sealed record LocalizedText(string En, string Zh)
{
    /// <summary>The text in <paramref name="language"/> ("zh" or "en"); English for anything else.</summary>
    public string In(string language) =>
        language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
}
