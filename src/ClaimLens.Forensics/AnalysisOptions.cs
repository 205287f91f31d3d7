using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Reuse;

namespace ClaimLens.Forensics;

/// <summary>What to analyse an evidence photo against.</summary>
public sealed record AnalysisOptions
{
    /// <summary>How the photo is named in the report (<c>image.path</c>); null to omit.</summary>
    public string? Path { get; init; }

    /// <summary>Merchant references to check derivation against; the best match is reported.</summary>
    public IReadOnlyList<ReferenceImage> References { get; init; } = [];

    /// <summary>Earlier evidence to look the photo up in; null to skip the reuse check.</summary>
    public IReuseLookup? Reuse { get; init; }

    /// <summary>When the goods were delivered; photos taken before it are flagged.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Decode limits and working resolution.</summary>
    public LoadLimits Limits { get; init; } = LoadLimits.Default;
}
