using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Accounts;

/// <summary>Background re-encryption (section <c>ClaimLens:PersonalData:Rotation</c>).</summary>
public sealed class KeyRotationOptions
{
    public const string Section = "ClaimLens:PersonalData:Rotation";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per transaction: small enough not to hold locks long.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Batches per pass and table; the next pass continues where this one stopped.</summary>
    [Range(1, 100_000)]
    public int MaxBatchesPerPass { get; set; } = 50;
}
